import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireAdmin } from "@/lib/admin/session";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { COLUMNS, DEFAULT_COLUMNS } from "@/lib/exports/columns";
import { recentExports } from "@/lib/exports/history";
import { SOURCES } from "@/lib/exports/options";
import { countryOptions } from "@/lib/i18n/countries";
import "../../../data.css";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const FIELDS = ["format", "columns", "bom", "from", "to", "country", "source", "partner", "campaign"] as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  const t = await getTranslations({ locale: "en", namespace: "AdminExport" });
  return { title: t("title", { title: campaign?.title ?? slug }) };
}

export default async function ExportPage({ params, searchParams }: Props) {
  const actor = await requireAdmin();
  const { slug } = await params;
  const campaign = await findCampaign(slug);
  if (!campaign) notFound();
  const t = await getTranslations({ locale: "en", namespace: "AdminExport" });
  const format = await getFormatter({ locale: "en" });
  const query = await searchParams;
  const error = FIELDS.find((f) => f === query.error);
  const history = await recentExports(actor, campaign.id);
  const isPartner = actor.role === "partner";
  const partnerName = campaign.partners.find((p) => p.slug === actor.partnerSlug)?.name ?? actor.partnerSlug;
  // After a refused download the form comes back with the values as sent.
  const value = (key: string) => (typeof query[key] === "string" ? (query[key] as string) : "");
  const sentColumns = ([] as string[]).concat(query.columns ?? []);
  const defaults = new Set(error && sentColumns.length > 0 ? sentColumns : DEFAULT_COLUMNS);
  const chosenFormat = value("format") === "ndjson" ? "ndjson" : "csv";

  return (
    <section>
      <h1>{t("title", { title: campaign.title })}</h1>
      <p>{t("intro")}</p>
      {isPartner && <p className="admin-notice">{t("partnerScope", { partner: partnerName ?? "" })}</p>}
      {error && (
        <p role="alert" className="admin-error" id="export-error">
          {t(`errors.${error}`)}
        </p>
      )}
      <form method="get" action={`/admin/campaigns/${campaign.slug}/export/download`} className="admin-form">
        <fieldset>
          <legend>{t("format")}</legend>
          <label>
            <input type="radio" name="format" value="csv" defaultChecked={chosenFormat === "csv"} /> {t("formatCsv")}
          </label>{" "}
          <label>
            <input type="radio" name="format" value="ndjson" defaultChecked={chosenFormat === "ndjson"} /> {t("formatNdjson")}
          </label>
        </fieldset>
        <label>
          <input type="checkbox" name="bom" value="true" defaultChecked={value("bom") === "true"} /> {t("bom")}
        </label>
        <label htmlFor="export-from">{t("from")}</label>
        <input
          id="export-from"
          name="from"
          type="date"
          defaultValue={value("from")}
          aria-invalid={error === "from" ? true : undefined}
          aria-describedby={error === "from" ? "export-error" : undefined}
        />
        <label htmlFor="export-to">{t("to")}</label>
        <input
          id="export-to"
          name="to"
          type="date"
          defaultValue={value("to")}
          aria-invalid={error === "to" ? true : undefined}
          aria-describedby={error === "to" ? "export-error" : undefined}
        />
        <label htmlFor="export-country">{t("country")}</label>
        <select id="export-country" name="country" defaultValue={value("country")}>
          <option value="">{t("anyCountry")}</option>
          {countryOptions("en").map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <label htmlFor="export-source">{t("source")}</label>
        <select id="export-source" name="source" defaultValue={value("source")}>
          <option value="">{t("anySource")}</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {t(`sources.${s}`)}
            </option>
          ))}
        </select>
        {!isPartner && (
          <>
            <label htmlFor="export-partner">{t("partner")}</label>
            <select id="export-partner" name="partner" defaultValue={value("partner")}>
              <option value="">{t("anyPartner")}</option>
              {campaign.partners.map((p) => (
                <option key={p.slug} value={p.slug}>
                  {p.name}
                </option>
              ))}
            </select>
          </>
        )}
        <fieldset>
          <legend>{t("columns")}</legend>
          <ul className="admin-columns">
            {COLUMNS.map((c) => (
              <li key={c.name}>
                <label>
                  <input type="checkbox" name="columns" value={c.name} defaultChecked={defaults.has(c.name)} /> <code>{c.name}</code>{" "}
                  <span className="admin-muted">{c.description}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <button type="submit">{t("download")}</button>
      </form>

      <h2>{t("historyHeading")}</h2>
      {history.length === 0 ? (
        <p>{t("historyEmpty")}</p>
      ) : (
        <table className="admin-table">
          <caption className="visually-hidden">{t("historyHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("who")}</th>
              <th scope="col">{t("format")}</th>
              <th scope="col">{t("filters")}</th>
              <th scope="col" className="num">
                {t("rows")}
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((h, i) => (
              <tr key={i}>
                <td>{format.dateTime(h.at, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC</td>
                <td>{h.who}</td>
                <td>{h.format}</td>
                <td>
                  {Object.entries(h.filters)
                    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`)
                    .join("; ") || t("noFilters")}
                </td>
                <td className="num">
                  {format.number(h.rows)}
                  {h.completed ? "" : ` ${t("stopped")}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
