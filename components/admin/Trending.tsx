import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { TrendingSummary } from "@/lib/admin/suspects";

// The campaign dashboard's trending list (ADR 052), for owners: the clients (short opaque labels,
// never addresses) and email domains with the most signatures in the burst window, below the
// thresholds too, each with the bulk invalidation one click away.

type Props = { campaignSlug: string; trending: TrendingSummary };

const utc = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ");

export async function Trending({ campaignSlug, trending }: Props) {
  const t = await getTranslations({ locale: "en", namespace: "Admin.dashboard.trending" });
  const format = await getFormatter({ locale: "en" });
  const n = (value: number) => format.number(value);
  const invalidateHref = (query: Record<string, string>) =>
    `/admin/signatures/invalidate?${new URLSearchParams({ campaign: campaignSlug, preview: "1", ...query }).toString()}`;

  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" className="num">
          {t("count")}
        </th>
        <th scope="col" className="num">
          {t("suspect")}
        </th>
        <th scope="col">{t("latest")}</th>
        <th scope="col">{t("actions")}</th>
      </tr>
    </thead>
  );

  return (
    <section aria-labelledby="trending" id="trending-section">
      <h2 id="trending">{t("heading")}</h2>
      <p className="admin-muted">{t("intro", { minutes: trending.windowMinutes })}</p>
      <div className="admin-grid-2">
        <div>
          <h3>{t("clients")}</h3>
          {trending.clients.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <table className="admin-table" data-testid="trending-clients">
              <caption className="visually-hidden">{t("clientsCaption")}</caption>
              {head(t("client"))}
              <tbody>
                {trending.clients.map((c) => (
                  <tr key={c.clientHash}>
                    <td>{c.label}</td>
                    <td className="num">{n(c.count)}</td>
                    <td className="num">{n(c.suspect)}</td>
                    <td>{utc(c.latest)}</td>
                    <td>
                      <Link href={invalidateHref({ by: "client", client: c.clientHash })} aria-label={t("invalidateLabel", { group: c.label })}>
                        {t("invalidate")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>{t("domains")}</h3>
          {trending.domains.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <table className="admin-table" data-testid="trending-domains">
              <caption className="visually-hidden">{t("domainsCaption")}</caption>
              {head(t("domain"))}
              <tbody>
                {trending.domains.map((d) => (
                  <tr key={d.domain}>
                    <td>
                      {d.domain}
                      {d.webmail && <span className="admin-muted"> {t("webmail")}</span>}
                    </td>
                    <td className="num">{n(d.count)}</td>
                    <td className="num">{n(d.suspect)}</td>
                    <td>{utc(d.latest)}</td>
                    <td>
                      <Link href={invalidateHref({ by: "domain", domain: d.domain })} aria-label={t("invalidateLabel", { group: d.domain })}>
                        {t("invalidate")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
