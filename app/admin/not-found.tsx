import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function AdminNotFound() {
  const t = await getTranslations({ locale: "en", namespace: "Admin.notFound" });
  return (
    <section className="admin-narrow">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <p>
        <Link href="/admin">{t("back")}</Link>
      </p>
    </section>
  );
}
