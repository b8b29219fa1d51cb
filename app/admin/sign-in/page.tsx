import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requestSignInLinkAction } from "@/app/_actions/admin-session";
import { currentAdmin } from "@/lib/admin/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "Admin.signIn" });
  return { title: t("title") };
}

const ERRORS = ["required", "invalid", "rate-limited", "link"] as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await currentAdmin()) redirect("/admin");
  const t = await getTranslations({ locale: "en", namespace: "Admin.signIn" });
  const params = await searchParams;
  const error = ERRORS.find((e) => e === params.error);
  const signedOut = params["signed-out"] === "1";
  return (
    <section className="admin-narrow">
      <h1>{t("title")}</h1>
      {signedOut && (
        <p role="status" className="admin-notice">
          {t("signedOut")}
        </p>
      )}
      {error && (
        <p role="alert" className="admin-error" id="sign-in-error">
          {t(`errors.${error}`)}
        </p>
      )}
      <p>{t("intro")}</p>
      <form action={requestSignInLinkAction} className="admin-form" noValidate>
        <label htmlFor="admin-email">{t("email")}</label>
        <input
          id="admin-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={254}
          aria-invalid={error === "required" || error === "invalid" ? true : undefined}
          aria-describedby={error ? "sign-in-error" : undefined}
        />
        <button type="submit">{t("submit")}</button>
      </form>
    </section>
  );
}
