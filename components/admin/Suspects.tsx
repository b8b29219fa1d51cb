import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { releaseSuspectsAction } from "@/app/_actions/admin-suspects";
import type { SuspectSummary } from "@/lib/admin/suspects";

// The campaign dashboard's suspect signatures (ADR 052), for owners: the groups by client (short
// opaque labels) and by email domain, each with Release and the bulk invalidation one click away.

type Props = { campaignSlug: string; summary: SuspectSummary; notice: { released: number; remaining: number } | "error" | null };

const utc = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ");

export async function Suspects({ campaignSlug, summary, notice }: Props) {
  const t = await getTranslations({ locale: "en", namespace: "Admin.dashboard.suspects" });
  const format = await getFormatter({ locale: "en" });
  const n = (value: number) => format.number(value);
  const invalidateHref = (query: Record<string, string>) =>
    `/admin/signatures/invalidate?${new URLSearchParams({ campaign: campaignSlug, preview: "1", ...query }).toString()}`;

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
              {summary.clients.length > 0 && (
                <table className="admin-table" data-testid="suspect-clients">
                  <thead>
                    <tr>
                      <th scope="col">{t("client")}</th>
                      <th scope="col" className="num">
                        {t("count")}
                      </th>
                      <th scope="col">{t("latest")}</th>
                      <th scope="col">{t("actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.clients.map((c) => (
                      <tr key={c.clientHash}>
                        <td>{c.label}</td>
                        <td className="num">{n(c.count)}</td>
                        <td>{utc(c.latest)}</td>
                        <td>
                          {release({ by: "client", client: c.clientHash }, t("releaseLabel", { group: c.label }))}{" "}
                          <Link href={invalidateHref({ by: "client", client: c.clientHash })} aria-label={t("invalidateLabel", { group: c.label })}>
                            {t("invalidate")}
                          </Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {summary.clientsForgotten > 0 && <p className="admin-muted">{t("forgotten", { count: summary.clientsForgotten })}</p>}
            </div>
            <div>
              <h3>{t("domains")}</h3>
              <table className="admin-table" data-testid="suspect-domains">
                <thead>
                  <tr>
                    <th scope="col">{t("domain")}</th>
                    <th scope="col" className="num">
                      {t("count")}
                    </th>
                    <th scope="col">{t("latest")}</th>
                    <th scope="col">{t("actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.domains.map((d) => (
                    <tr key={d.domain}>
                      <td>{d.domain}</td>
                      <td className="num">{n(d.count)}</td>
                      <td>{utc(d.latest)}</td>
                      <td>
                        {release({ by: "domain", domain: d.domain }, t("releaseLabel", { group: d.domain }))}{" "}
                        <Link href={invalidateHref({ by: "domain", domain: d.domain })} aria-label={t("invalidateLabel", { group: d.domain })}>
                          {t("invalidate")}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
