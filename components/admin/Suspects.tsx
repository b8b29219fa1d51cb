import { getFormatter, getTranslations } from "next-intl/server";
import { releaseSuspectsAction } from "@/app/_actions/admin-suspects";
import { GroupTable, type GroupRow, type GroupTableText } from "@/components/admin/GroupTable";
import type { SuspectSummary } from "@/lib/admin/suspects";

// The campaign dashboard's suspect signatures (ADR 052), for owners: the groups by client (short
// opaque labels) and by email domain, each with Release and the bulk invalidation one click away.

type Props = { campaignSlug: string; summary: SuspectSummary; notice: { released: number; remaining: number } | "error" | null };

export async function Suspects({ campaignSlug, summary, notice }: Props) {
  const t = await getTranslations({ locale: "en", namespace: "Admin.dashboard.suspects" });
  const format = await getFormatter({ locale: "en" });
  const n = (value: number) => format.number(value);
  const text = (first: string): GroupTableText => ({
    first,
    count: t("count"),
    latest: t("latest"),
    actions: t("actions"),
    invalidate: t("invalidate"),
    invalidateLabel: (group) => t("invalidateLabel", { group }),
  });
  const releaseRow = (row: GroupRow) => release(row.filter, t("releaseLabel", { group: row.name }));
  const clients: GroupRow[] = summary.clients.map((c) => ({ key: c.clientHash, label: c.label, name: c.label, count: c.count, latest: c.latest, filter: { by: "client", client: c.clientHash } }));
  const domains: GroupRow[] = summary.domains.map((d) => ({ key: d.domain, label: d.domain, name: d.domain, count: d.count, latest: d.latest, filter: { by: "domain", domain: d.domain } }));

  const release = (fields: Record<string, string>, label: string, text = t("release")) => (
    <form action={releaseSuspectsAction} className="admin-inline-form">
      <input type="hidden" name="campaign" value={campaignSlug} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="admin-button" aria-label={label}>
        {text}
      </button>
    </form>
  );

  return (
    <section aria-labelledby="suspects" id="suspects-section">
      <h2 id="suspects">{t("heading")}</h2>
      <p className="admin-muted">{t("intro")}</p>
      {notice === "error" && (
        <p role="alert" className="admin-error">
          {t("error")}
        </p>
      )}
      {notice && notice !== "error" && (
        <p role="status" className="admin-notice" data-testid="suspects-notice">
          {t("released", { count: notice.released, remaining: notice.remaining })}
        </p>
      )}
      {summary.total === 0 ? (
        <p data-testid="suspects-total">{t("none")}</p>
      ) : (
        <>
          <p data-testid="suspects-total">
            {t("total", { count: summary.total })} {release({ by: "all" }, t("releaseAll", { count: summary.total }), t("releaseAll", { count: summary.total }))}
          </p>
          <div className="admin-grid-2">
            <div>
              <h3>{t("clients")}</h3>
              {clients.length > 0 && <GroupTable campaignSlug={campaignSlug} testId="suspect-clients" rows={clients} text={text(t("client"))} number={n} release={releaseRow} />}
              {summary.clientsForgotten > 0 && <p className="admin-muted">{t("forgotten", { count: summary.clientsForgotten })}</p>}
            </div>
            <div>
              <h3>{t("domains")}</h3>
              <GroupTable campaignSlug={campaignSlug} testId="suspect-domains" rows={domains} text={text(t("domain"))} number={n} release={releaseRow} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
