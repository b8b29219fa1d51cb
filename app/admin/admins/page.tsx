import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { disableAdminAction, inviteAdminAction } from "@/app/_actions/admin-admins";
import { ConfirmAction } from "@/components/admin/ConfirmAction";
import { listAdmins, listPartners } from "@/lib/admin/admins";
import { requireAdmin } from "@/lib/admin/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: "en", namespace: "Admin.admins" });
  return { title: t("title") };
}

const ERRORS = ["email-required", "email-invalid", "partner-required", "unknown-partner", "is-owner", "already-admin"] as const;
const NOTICES = ["invited", "disabled"] as const;

export default async function AdminsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdmin({ role: "owner" });
  const t = await getTranslations({ locale: "en", namespace: "Admin.admins" });
  const format = await getFormatter({ locale: "en" });
  const params = await searchParams;
  const error = ERRORS.find((e) => e === params.error);
  const notice = NOTICES.find((n) => n === params.notice);
  const [admins, partners] = await Promise.all([listAdmins(actor), listPartners(actor)]);
  const ta = await getTranslations({ locale: "en", namespace: "Admin" });
  const when = (d: Date | null) => (d ? ta("utcTime", { time: format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) }) : "—");
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {notice && (
        <p role="status" className="admin-notice">
          {t(`notices.${notice}`)}
        </p>
      )}
      <table className="admin-table">
        <caption className="visually-hidden">{t("title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("email")}</th>
            <th scope="col">{t("role")}</th>
            <th scope="col">{t("partner")}</th>
            <th scope="col">{t("lastLogin")}</th>
            <th scope="col">{t("state")}</th>
          </tr>
        </thead>
        <tbody>
          {admins.map((a) => (
            <tr key={a.id}>
              <td>{a.email}</td>
              <td>{t(a.role === "owner" ? "roleOwner" : "rolePartner")}</td>
              <td>{a.partnerName ?? "—"}</td>
              <td>{when(a.lastLoginAt)}</td>
              <td>
                {a.disabledAt ? (
                  t("disabled")
                ) : a.role === "partner" ? (
                  <ConfirmAction
                    action={disableAdminAction}
                    fields={{ id: a.id }}
                    openText={t("disable")}
                    openContext={a.email}
                    warning={t("disableWarning")}
                    confirmText={t("disableConfirm", { email: a.email })}
                  />
                ) : (
                  t("active")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("inviteHeading")}</h2>
      <p>{t("inviteIntro")}</p>
      {error && (
        <p role="alert" className="admin-error" id="invite-error">
          {t(`errors.${error}`)}
        </p>
      )}
      <form action={inviteAdminAction} className="admin-form" noValidate>
        <label htmlFor="invite-email">{t("email")}</label>
        <input
          id="invite-email"
          name="email"
          type="email"
          required
          maxLength={254}
          aria-invalid={error?.startsWith("email") || error === "is-owner" || error === "already-admin" ? true : undefined}
          aria-describedby={error ? "invite-error" : undefined}
        />
        <label htmlFor="invite-partner">{t("partnerField")}</label>
        <select id="invite-partner" name="partner" required defaultValue="">
          <option value="" disabled>
            {t("partnerPlaceholder")}
          </option>
          {partners.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name}
            </option>
          ))}
        </select>
        <button type="submit">{t("invite")}</button>
      </form>
    </section>
  );
}
