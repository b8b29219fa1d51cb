import { useLocale, useTranslations } from "next-intl";
import { localePath } from "@/lib/i18n/urls";

/** An unknown private link, or one replaced by a newer one: a 404 that says which link is wrong. */
export default function ReferralLinkNotFound() {
  const t = useTranslations("Referrals");
  const locale = useLocale();
  return (
    <main id="main" className="narrow">
      <h1>{t("title")}</h1>
      <p className="lead" role="status">
        {t("invalid")}
      </p>
      <p>
        <a href={localePath("/", locale)}>{t("back")}</a>
      </p>
    </main>
  );
}
