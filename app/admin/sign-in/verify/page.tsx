import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { verifySignInAction } from "@/app/_actions/admin-session";
import { isWellFormedToken } from "@/lib/security/tokens";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "Admin.signIn" });
  return { title: t("verifyTitle") };
}

// Opening the link only shows a button: mail scanners fetch links, and a GET must not sign in.
export default async function VerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations({ locale: "en", namespace: "Admin.signIn" });
  const { token } = await searchParams;
  if (typeof token !== "string" || !isWellFormedToken(token)) {
    return (
      <section className="admin-narrow">
        <h1>{t("verifyTitle")}</h1>
        <p role="alert" className="admin-error">
          {t("errors.link")}
        </p>
        <p>
          <Link href="/admin/sign-in">{t("again")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="admin-narrow">
      <h1>{t("verifyTitle")}</h1>
      <p>{t("verifyIntro")}</p>
      <form action={verifySignInAction} className="admin-form">
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t("verifyButton")}</button>
      </form>
    </section>
  );
}
