import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ChartTable, ColumnChart, CountTable, HorizontalBarChart } from "@/components/admin/Charts";
import { Suspects } from "@/components/admin/Suspects";
import { Trending } from "@/components/admin/Trending";
import { campaignDashboard } from "@/lib/admin/dashboard";
import { suspectSummary, trendingSummary } from "@/lib/admin/suspects";
import { requireAdmin } from "@/lib/admin/session";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { env } from "@/lib/env";
import { countryName } from "@/lib/i18n/countries";

type Props = { params: Promise<{ slug: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  const t = await getTranslations({ locale: "en", namespace: "Admin.dashboard" });
  return { title: t("title", { title: campaign?.title ?? slug }) };
}

const SOURCES = ["direct", "referral", "embed", "utm"] as const;

/** The notice after a release (ADR 052): counts from the redirect, or an error. */
function suspectsNotice(search: Record<string, string | string[] | undefined>) {
  if (search.suspects === "error") return "error" as const;
  const released = typeof search.released === "string" && /^\d+$/.test(search.released) ? Number(search.released) : null;
  const remaining = typeof search.remaining === "string" && /^\d+$/.test(search.remaining) ? Number(search.remaining) : 0;
  return released === null ? null : { released, remaining };
}

export default async function DashboardPage({ params, searchParams }: Props) {
  const actor = await requireAdmin();
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  if (!campaign) notFound();
  const t = await getTranslations({ locale: "en", namespace: "Admin.dashboard" });
  const format = await getFormatter({ locale: "en" });
  const n = (value: number) => format.number(value);
  const data = await campaignDashboard(actor, campaign.id);
  const owner = actor.role === "owner";
  // Suspects are read fresh (not cached with the figures): owners act on them.
  const [suspects, trending] = owner ? await Promise.all([suspectSummary(actor, campaign.id), trendingSummary(actor, campaign.id)]) : [null, null];
  const search = (await searchParams) ?? {};
  const sourceLabel = (key: string) => ((SOURCES as readonly string[]).includes(key) ? t(`sources.${key as (typeof SOURCES)[number]}`) : key);
  const countries = data.byCountry.map((b) => ({ label: countryName(b.key, "en"), value: b.count }));
  const perHour = data.perHour.map((b) => ({ label: `${b.key.slice(11, 13)}:00`, value: b.count, full: `${b.key.slice(0, 10)} ${b.key.slice(11, 13)}:00` }));
  const perDay = data.perDay.map((b) => ({ label: b.key.slice(5), value: b.count, full: b.key }));

  return (
    <article>
      <h1>{t("heading", { title: campaign.title })}</h1>
      <p className="admin-muted">
        {t("asOf", { time: format.dateTime(data.computedAt, { timeStyle: "medium", timeZone: "UTC" }), seconds: env().ADMIN_DASHBOARD_CACHE_SECONDS })}
      </p>

      <dl className="admin-stats">
        <div>
          <dt>{t("confirmed")}</dt>
          <dd data-testid="stat-confirmed">{n(data.totals.confirmed)}</dd>
        </div>
        <div>
          <dt>{t("pending")}</dt>
          <dd data-testid="stat-pending">{n(data.totals.pending)}</dd>
        </div>
        <div>
          <dt>{t("rate")}</dt>
          <dd data-testid="stat-rate">
            {data.confirmationRate === null ? "—" : format.number(data.confirmationRate, { style: "percent", maximumFractionDigits: 1 })}
          </dd>
        </div>
        <div>
          <dt>{t("withdrawn")}</dt>
          <dd>{n(data.totals.withdrawn)}</dd>
        </div>
        <div>
          <dt>{t("invalidated")}</dt>
          <dd>{n(data.totals.invalidated)}</dd>
        </div>
        {suspects && (
          <div>
            <dt>{t("suspect")}</dt>
            <dd data-testid="stat-suspect">{n(suspects.total)}</dd>
          </div>
        )}
      </dl>
      <p className="admin-muted">{t("rateHint")}</p>
      <p>
        <Link href={`/admin/campaigns/${campaign.slug}/signatures`}>{t("latestLink")}</Link>
      </p>

      {suspects && <Suspects campaignSlug={campaign.slug} summary={suspects} notice={suspectsNotice(search)} />}
      {trending && <Trending campaignSlug={campaign.slug} trending={trending} />}

      <section aria-labelledby="per-hour">
        <h2 id="per-hour">{t("perHour")}</h2>
        <ColumnChart data={perHour} label={t("perHourChart", { total: n(perHour.reduce((s, b) => s + b.value, 0)) })} format={n} ticks={8} />
        <ChartTable
          summary={t("showNumbers")}
          caption={t("perHour")}
          headers={[t("hourUtc"), t("signatures")]}
          rows={perHour.filter((b) => b.value > 0).map((b) => [b.full, n(b.value)])}
        />
      </section>

      <section aria-labelledby="per-day">
        <h2 id="per-day">{t("perDay")}</h2>
        {perDay.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <>
            <ColumnChart data={perDay} label={t("perDayChart", { days: perDay.length })} format={n} minColumns={14} />
            <ChartTable summary={t("showNumbers")} caption={t("perDay")} headers={[t("dayUtc"), t("signatures")]} rows={perDay.map((b) => [b.full, n(b.value)])} />
          </>
        )}
      </section>

      <div className="admin-grid-2">
        <section aria-labelledby="by-country">
          <h2 id="by-country">{t("byCountry")}</h2>
          {countries.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <>
              <HorizontalBarChart data={countries.slice(0, 15)} label={t("byCountryChart", { shown: Math.min(15, countries.length), total: countries.length })} format={n} />
              <ChartTable
                open
                summary={t("allCountries", { count: countries.length })}
                caption={t("byCountry")}
                headers={[t("country"), t("signatures")]}
                rows={countries.map((c) => [c.label, n(c.value)])}
              />
            </>
          )}
        </section>

        <section aria-labelledby="by-source">
          <h2 id="by-source">{t("bySource")}</h2>
          {data.bySource.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <>
              <HorizontalBarChart data={data.bySource.map((b) => ({ label: sourceLabel(b.key), value: b.count }))} label={t("bySource")} format={n} />
              <ChartTable
                open
                summary={t("showNumbers")}
                caption={t("bySource")}
                headers={[t("source"), t("signatures")]}
                rows={data.bySource.map((b) => [sourceLabel(b.key), n(b.count)])}
              />
            </>
          )}
          <h3>{t("byEmbed")}</h3>
          {data.byEmbedPartner.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <ChartTable open summary={t("showNumbers")} caption={t("byEmbed")} headers={[t("partner"), t("signatures")]} rows={data.byEmbedPartner.map((b) => [b.key, n(b.count)])} />
          )}
          <h3>{t("byUtm")}</h3>
          {data.byUtmSource.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <ChartTable open summary={t("showNumbers")} caption={t("byUtm")} headers={[t("utmSource"), t("signatures")]} rows={data.byUtmSource.map((b) => [b.key || t("unnamed"), n(b.count)])} />
          )}
        </section>
      </div>

      <div className="admin-grid-2">
        <section aria-labelledby="referrers">
          <h2 id="referrers">{t("referrers")}</h2>
          {data.topReferrers.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <table className="admin-table">
              <caption className="visually-hidden">{t("referrers")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("referralCode")}</th>
                  {owner && <th scope="col">{t("email")}</th>}
                  <th scope="col" className="num">
                    {t("signatures")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.topReferrers.map((r, i) => (
                  <tr key={`${r.code}-${i}`}>
                    <td>{r.code ?? "—"}</td>
                    {owner && <td className="admin-break">{r.email ?? t("erased")}</td>}
                    <td className="num">{n(r.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="consents">
          <h2 id="consents">{t("consents")}</h2>
          <p className="admin-muted">{t("consentsHint")}</p>
          <CountTable
            caption={t("consents")}
            headers={[t("partner"), t("supporters")]}
            rows={data.partnerConsents.map((p) => [p.partnerName, n(p.count)])}
          />
        </section>
      </div>
    </article>
  );
}
