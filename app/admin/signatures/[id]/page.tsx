import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { eraseSupporterAction, resendConfirmationAction, withdrawSignatureAction } from "@/app/_actions/admin-signatures";
import { ConfirmAction } from "@/components/admin/ConfirmAction";
import { requireAdmin } from "@/lib/admin/session";
import { signatureDetail } from "@/lib/admin/signatures";
import { countryName } from "@/lib/i18n/countries";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "Admin.signature" });
  return { title: t("title") };
}

const NOTICES = [
  "resend-sent",
  "resend-not-pending",
  "resend-not-found",
  "resend-mail-capped",
  "resend-campaign-closed",
  "withdraw-withdrawn",
  "withdraw-already",
  "withdraw-not-found",
] as const;


export default async function SignaturePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireAdmin({ role: "owner" });
  const { id } = await params;
  const s = await signatureDetail(actor, id);
  if (!s) notFound();
  const t = await getTranslations({ locale: "en", namespace: "Admin.signature" });
  const ts = await getTranslations({ locale: "en", namespace: "Admin.signatures" });
  const ta = await getTranslations({ locale: "en", namespace: "Admin" });
  const when = (d: Date | null) => (d ? ta("utcTime", { time: d.toISOString().slice(0, 19).replace("T", " ") }) : "—");
  const query = await searchParams;
  const notice = NOTICES.find((n) => n === query.notice);
  const eraseUnconfirmed = query.error === "erase-confirm";
  const field = (label: string, value: React.ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === "" ? "—" : value}</dd>
    </>
  );
  const utm = [s.utmSource, s.utmMedium, s.utmCampaign, s.utmTerm, s.utmContent].some(Boolean)
    ? `source=${s.utmSource ?? ""} medium=${s.utmMedium ?? ""} campaign=${s.utmCampaign ?? ""} term=${s.utmTerm ?? ""} content=${s.utmContent ?? ""}`
    : null;

  return (
    <article>
      <p>
        <Link href="/admin/signatures">{t("back")}</Link>
      </p>
      <h1>{s.erasedAt ? t("erasedTitle") : s.fullName}</h1>
      {notice && (
        <p role="status" className="admin-notice">
          {t(`notices.${notice}`)}
        </p>
      )}
      <dl className="admin-field-grid">
        {field(t("campaign"), s.campaign.title)}
        {field(t("status"), ts(`statuses.${s.status as "pending"}`))}
        {field(t("email"), s.email)}
        {field(t("emailNormalized"), s.emailNormalized)}
        {field(t("country"), `${countryName(s.country, "en")} (${s.country})`)}
        {field(t("comment"), s.comment)}
        {field(t("showName"), s.showName ? t("yes") : t("no"))}
        {field(t("locale"), s.locale)}
        {field(t("createdAt"), when(s.createdAt))}
        {field(t("confirmedAt"), when(s.confirmedAt))}
        {field(t("withdrawnAt"), when(s.withdrawnAt))}
        {field(t("invalidatedAt"), s.invalidatedAt ? `${when(s.invalidatedAt)} ${s.invalidReason ? `(${s.invalidReason})` : ""}` : "—")}
        {field(t("erasedAt"), when(s.erasedAt))}
      </dl>

      <h2>{t("attribution")}</h2>
      <dl className="admin-field-grid">
        {field(t("source"), s.source)}
        {field(t("refCode"), s.refCode)}
        {field(t("referredBy"), s.referredBy?.referralCode)}
        {field(t("partnerEmbed"), s.partner?.name)}
        {field(t("utm"), utm)}
        {field(t("referrerHost"), s.referrerHost)}
        {field(t("referralCode"), s.referralCode)}
        {field(t("referrals"), String(s._count.referrals))}
      </dl>

      <h2>{t("consents")}</h2>
      {s.consents.length === 0 ? (
        <p>{t("noConsents")}</p>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">{t("consents")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("scope")}</th>
              <th scope="col">{t("wording")}</th>
              <th scope="col">{t("givenAt")}</th>
              <th scope="col">{t("withdrawnAt")}</th>
            </tr>
          </thead>
          <tbody>
            {s.consents.map((c) => (
              <tr key={c.id}>
                <td>{c.scope}</td>
                <td>
                  <q>{c.wording}</q> ({c.locale})
                </td>
                <td>{when(c.givenAt)}</td>
                <td>{when(c.withdrawnAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {!s.erasedAt && (
        <>
          <h2>{t("actions")}</h2>
          <div className="admin-actions">
            {s.status === "pending" && (
              <form action={resendConfirmationAction}>
                <input type="hidden" name="id" value={s.id} />
                <button type="submit" className="admin-button">
                  {t("resend")}
                </button>
              </form>
            )}
            {(s.status === "pending" || s.status === "confirmed") && (
              <ConfirmAction
                action={withdrawSignatureAction}
                fields={{ id: s.id }}
                openText={t("withdraw")}
                warning={t("withdrawWarning")}
                confirmText={t("withdrawConfirm")}
              />
            )}
          </div>
          <section className="admin-danger-zone" aria-labelledby="erase-heading">
            <h3 id="erase-heading">{t("eraseHeading")}</h3>
            <p>{t("eraseIntro")}</p>
            {eraseUnconfirmed && (
              <p role="alert" className="admin-error" id="erase-error">
                {ts("errors.erase-confirm")}
              </p>
            )}
            <form action={eraseSupporterAction} className="admin-form" noValidate>
              <input type="hidden" name="back" value={s.id} />
              <input type="hidden" name="email" value={s.email} />
              <label>
                <input
                  type="checkbox"
                  name="confirm"
                  value="yes"
                  required
                  aria-invalid={eraseUnconfirmed ? true : undefined}
                  aria-describedby={eraseUnconfirmed ? "erase-error" : undefined}
                />{" "}
                {ts("eraseConfirm")}
              </label>
              <button type="submit" className="admin-button admin-button-danger">
                {t("erase")}
              </button>
            </form>
          </section>
        </>
      )}
    </article>
  );
}
