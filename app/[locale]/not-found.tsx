import { useLocale, useTranslations } from "next-intl";
import { localePath } from "@/lib/i18n/urls";

export default function NotFound() {
  const t = useTranslations("NotFound");
  const locale = useLocale();
  return (
    <main id="main" className="narrow">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <p>
        <a href={localePath("/", locale)}>{t("home")}</a>
      </p>
    </main>
  );
}
