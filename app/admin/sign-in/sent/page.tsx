import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "Admin.signIn" });
  return { title: t("sentTitle") };
}

// The same page for every address, admin or not.
export default async function SignInSentPage() {
  const t = await getTranslations({ locale: "en", namespace: "Admin.signIn" });
  return (
    <section className="admin-narrow">
      <h1>{t("sentTitle")}</h1>
      <p>{t("sentBody", { minutes: 15 })}</p>
      <p>
        <Link href="/admin/sign-in">{t("again")}</Link>
      </p>
    </section>
  );
}
