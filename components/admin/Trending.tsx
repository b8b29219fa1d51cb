import { getFormatter, getTranslations } from "next-intl/server";
import { GroupTable, type GroupRow, type GroupTableText } from "@/components/admin/GroupTable";
import type { TrendingSummary } from "@/lib/admin/suspects";

// The campaign dashboard's trending list (ADR 052), for owners: the clients (short opaque labels,
// never addresses) and email domains with the most signatures in the burst window, below the
// thresholds too, each with the bulk invalidation one click away.

type Props = { campaignSlug: string; trending: TrendingSummary };

export async function Trending({ campaignSlug, trending }: Props) {
  const t = await getTranslations({ locale: "en", namespace: "Admin.dashboard.trending" });
  const format = await getFormatter({ locale: "en" });
  const n = (value: number) => format.number(value);
  const text = (first: string, caption: string): GroupTableText => ({
    first,
    caption,
    count: t("count"),
    suspect: t("suspect"),
    latest: t("latest"),
    actions: t("actions"),
    invalidate: t("invalidate"),
    invalidateLabel: (group) => t("invalidateLabel", { group }),
  });
  const clients: GroupRow[] = trending.clients.map((c) => ({
    key: c.clientHash,
    label: c.label,
    name: c.label,
    count: c.count,
    suspect: c.suspect,
    latest: c.latest,
    filter: { by: "client", client: c.clientHash },
  }));
  const domains: GroupRow[] = trending.domains.map((d) => ({
    key: d.domain,
    label: (
      <>
        {d.domain}
        {d.webmail && <span className="admin-muted"> {t("webmail")}</span>}
      </>
    ),
    name: d.domain,
    count: d.count,
    suspect: d.suspect,
    latest: d.latest,
    filter: { by: "domain", domain: d.domain },
  }));

  return (
    <section aria-labelledby="trending" id="trending-section">
      <h2 id="trending">{t("heading")}</h2>
      <p className="admin-muted">{t("intro", { minutes: trending.windowMinutes })}</p>
      <div className="admin-grid-2">
        <div>
          <h3>{t("clients")}</h3>
          {clients.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <GroupTable campaignSlug={campaignSlug} testId="trending-clients" rows={clients} text={text(t("client"), t("clientsCaption"))} number={n} />
          )}
        </div>
        <div>
          <h3>{t("domains")}</h3>
          {domains.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <GroupTable campaignSlug={campaignSlug} testId="trending-domains" rows={domains} text={text(t("domain"), t("domainsCaption"))} number={n} />
          )}
        </div>
      </div>
    </section>
  );
}
