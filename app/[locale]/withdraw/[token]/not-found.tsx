import { useLocale, useTranslations } from "next-intl";
import { localePath } from "@/lib/i18n/urls";

/** An unknown, erased or mistyped withdrawal link: a 404 that says which link is wrong. */
export default function WithdrawLinkNotFound() {
  const t = useTranslations("Withdraw");
  const locale = useLocale();
  return (
    <main id="main" className="narrow">
      <h1>{t("title")}</h1>
      <p className="lead" role="status" data-testid="withdraw-result">
        {t("invalid")}
      </p>
      <p>
        <a href={localePath("/", locale)}>{t("back")}</a>
      </p>
    </main>
  );
}
