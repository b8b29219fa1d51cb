import { COUNTRY_CODES } from "@/lib/signatures/schema";
import { ExportInputError, resolveColumns } from "@/lib/exports/columns";
import type { ExportFormat } from "@/lib/exports/format";

// The parameters of an export, as the admin form (query string) and the command line give them:
// strings in, checked values out, with a message naming the parameter when one is wrong.

export const SOURCES = ["direct", "referral", "embed", "utm"] as const;
export type Source = (typeof SOURCES)[number];

export type ExportFilters = {
  /** confirmedAt >= from */
  from?: Date;
  /** confirmedAt < to (a date without a time means the end of that day, UTC) */
  to?: Date;
  /** ISO alpha-2 codes; any of them */
  countries?: string[];
  source?: Source;
  /** only supporters whose consent to this partner is in force */
  partner?: string;
};

export type ExportOptions = {
  campaign: string;
  format: ExportFormat;
  columns: string[];
  bom: boolean;
  filters: ExportFilters;
};

/** The raw parameters, each a string or absent (query string or command-line flags). */
export type ExportParams = Partial<Record<"campaign" | "format" | "columns" | "bom" | "from" | "to" | "country" | "source" | "partner", string>>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (whole UTC day) or an ISO 8601 date-time with an offset. `end`: a date means the next midnight. */
export function parseDateParam(name: string, value: string, end: boolean): Date {
  const trimmed = value.trim();
  if (DATE_ONLY.test(trimmed)) {
    const date = new Date(`${trimmed}T00:00:00.000Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(trimmed)) {
      return end ? new Date(date.getTime() + 24 * 60 * 60 * 1000) : date;
    }
  } else if (DATE_TIME.test(trimmed)) {
    const date = new Date(trimmed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new ExportInputError(`${name} must be a date such as 2026-11-27 or a date-time such as 2026-11-27T09:30:00Z (got "${value.slice(0, 40)}")`, name);
}

const countrySet = new Set(COUNTRY_CODES);

export function parseExportParams(params: ExportParams): ExportOptions {
  const campaign = (params.campaign ?? "").trim();
  if (!campaign) throw new ExportInputError("campaign is required (the campaign's slug)", "campaign");
  if (!/^[a-z0-9-]{1,100}$/.test(campaign)) throw new ExportInputError(`campaign must be a campaign slug such as guterres-xinjiang (got "${campaign.slice(0, 40)}")`, "campaign");

  const format = (params.format ?? "csv").trim().toLowerCase();
  if (format !== "csv" && format !== "ndjson") throw new ExportInputError(`format must be csv or ndjson (got "${format.slice(0, 20)}")`, "format");

  const columnNames = (params.columns ?? "")
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  const columns = resolveColumns(columnNames).map((c) => c.name);

  const bomText = (params.bom ?? "").trim().toLowerCase();
  if (!["", "0", "1", "true", "false", "on", "off"].includes(bomText)) throw new ExportInputError(`bom must be true or false (got "${bomText.slice(0, 20)}")`, "bom");
  const bom = bomText === "1" || bomText === "true" || bomText === "on";

  const filters: ExportFilters = {};
  if (params.from?.trim()) filters.from = parseDateParam("from", params.from, false);
  if (params.to?.trim()) filters.to = parseDateParam("to", params.to, true);
  if (filters.from && filters.to && filters.from >= filters.to) throw new ExportInputError("from must be before to", "to");

  if (params.country?.trim()) {
    const codes = params.country.split(",").map((c) => c.trim().toUpperCase()).filter(Boolean);
    const bad = codes.filter((c) => !countrySet.has(c));
    if (bad.length > 0) throw new ExportInputError(`country must be ISO 3166-1 alpha-2 codes such as FR or FR,DE (unknown: ${bad.map((b) => `"${b.slice(0, 10)}"`).join(", ")})`, "country");
    filters.countries = [...new Set(codes)];
  }
  if (params.source?.trim()) {
    const source = params.source.trim().toLowerCase();
    if (!(SOURCES as readonly string[]).includes(source)) throw new ExportInputError(`source must be one of ${SOURCES.join(", ")} (got "${source.slice(0, 20)}")`, "source");
    filters.source = source as Source;
  }
  if (params.partner?.trim()) {
    const partner = params.partner.trim();
    if (!/^[a-z0-9-]{1,100}$/.test(partner)) throw new ExportInputError(`partner must be a partner slug such as amnesty-international (got "${partner.slice(0, 40)}")`, "partner");
    filters.partner = partner;
  }
  return { campaign, format, columns, bom, filters };
}

/** The filters as they go into the audit log: plain JSON. */
export function describeFilters(filters: ExportFilters): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (filters.from) out.from = filters.from.toISOString();
  if (filters.to) out.to = filters.to.toISOString();
  if (filters.countries) out.country = filters.countries;
  if (filters.source) out.source = filters.source;
  if (filters.partner) out.partner = filters.partner;
  return out;
}
