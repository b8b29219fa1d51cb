import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { eraseSupporterAction, searchSignaturesAction } from "@/app/_actions/admin-signatures";
import { SignatureSearch } from "@/components/admin/SignatureSearch";
import { requireAdmin } from "@/lib/admin/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "Admin.signatures" });
  return { title: t("title") };
}

const STATUSES = ["pending", "confirmed", "withdrawn", "invalidated"] as const;

export default async function SignaturesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin({ role: "owner" });
  const t = await getTranslations({ locale: "en", namespace: "Admin.signatures" });
  const ta = await getTranslations({ locale: "en", namespace: "Admin" });
  const params = await searchParams;
  const erased = typeof params.erased === "string" && /^\d+$/.test(params.erased) ? Number(params.erased) : null;
  const error = params.error === "erase-email" || params.error === "erase-confirm" ? params.error : null;
  return (
    <section>
      <h1>{t("title")}</h1>
      <SignatureSearch
        action={searchSignaturesAction}
        labels={{
          searchLabel: t("searchLabel"),
          searchHint: t("searchHint"),
          searchTooShort: t("searchTooShort"),
          search: t("search"),
          results: t.raw("results") as string,
          name: t("name"),
          email: t("email"),
          campaign: t("campaign"),
          country: t("country"),
          status: t("status"),
          signedAt: t("signedAt"),
          erasedName: t("erasedName"),
          utcTime: ta.raw("utcTime") as string,
          statuses: Object.fromEntries(STATUSES.map((s) => [s, t(`statuses.${s}`)])),
        }}
      />

      <h2>{t("invalidateHeading")}</h2>
      <p>
        <Link href="/admin/signatures/invalidate">{t("invalidateLink")}</Link>
      </p>

      <section className="admin-danger-zone" aria-labelledby="erase">
        <h2 id="erase">{t("eraseHeading")}</h2>
        <p>{t("eraseIntro")}</p>
        {erased !== null && (
          <p role="status" className="admin-notice">
            {t("erased", { count: erased })}
          </p>
        )}
        {error && (
          <p role="alert" className="admin-error" id="erase-error">
            {t(`errors.${error}`)}
          </p>
        )}
        <form action={eraseSupporterAction} className="admin-form" noValidate>
          <label htmlFor="erase-email">{t("eraseEmail")}</label>
          <input
            id="erase-email"
            name="email"
            type="email"
            autoComplete="off"
            maxLength={254}
            aria-invalid={error === "erase-email" ? true : undefined}
            aria-describedby={error ? "erase-error" : undefined}
          />
          {/* The confirmation step, without JavaScript too: the server erases nothing unless it is ticked. */}
          <label>
            <input type="checkbox" name="confirm" value="yes" required aria-invalid={error === "erase-confirm" ? true : undefined} /> {t("eraseConfirm")}
          </label>
          <button type="submit" className="admin-button admin-button-danger">
            {t("eraseButton")}
          </button>
        </form>
      </section>
    </section>
  );
}
