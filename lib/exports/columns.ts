import { countryName } from "@/lib/i18n/countries";
import type { Field, FieldValue } from "@/lib/db/signature-pages";

// The documented column set of a signature export (docs/exports.md). A column is a name, a
// short description and how its value is read from one exported row. The order of this list is
// the order of the columns in a file; a caller picks a subset by name.

export type ColumnValue = string | boolean | null;

/** A column: the field it is read from and how the stored value becomes the cell (as stored when absent). */
type ColumnDef = { name: string; description: string; field: Field; map?: (value: FieldValue, ctx: ColumnContext) => ColumnValue };

export type ColumnContext = {
  /** only this partner's consent is listed in consent_partners (partner actors) */
  partnerSlug: string | null;
};

/** "Aylin Kadir Demir" → first "Aylin", last "Kadir Demir"; a single word is a first name. */
export function splitName(fullName: string): { first: string; last: string } {
  const trimmed = fullName.trim();
  const space = trimmed.indexOf(" ");
  return space < 0 ? { first: trimmed, last: "" } : { first: trimmed.slice(0, space), last: trimmed.slice(space + 1) };
}

const countryNames = new Map<string, string>();
function englishCountryName(code: string): string {
  let name = countryNames.get(code);
  if (name === undefined) {
    name = countryName(code, "en");
    countryNames.set(code, name);
  }
  return name;
}

function consentScopes(consents: FieldValue): string[] {
  return consents ? consents.split(";") : [];
}

export const COLUMNS: readonly ColumnDef[] = [
  { name: "id", description: "Signature id (stable)", field: "id" },
  { name: "confirmed_at", description: "When the signature was confirmed, ISO 8601 UTC", field: "confirmedAt" },
  { name: "full_name", description: "Name as the supporter typed it", field: "fullName" },
  { name: "first_name", description: "First word of the name", field: "fullName", map: (v) => splitName(v ?? "").first },
  { name: "last_name", description: "The rest of the name (empty for a single word)", field: "fullName", map: (v) => splitName(v ?? "").last },
  { name: "email", description: "Email address as typed", field: "email" },
  { name: "country", description: "ISO 3166-1 alpha-2 country code", field: "country" },
  { name: "country_name", description: "Country name in English", field: "country", map: (v) => englishCountryName(v ?? "") },
  { name: "comment", description: "The supporter's comment, if any", field: "comment" },
  { name: "locale", description: "Language of the page the supporter signed on", field: "locale" },
  { name: "source", description: "How the signature arrived: direct, referral, embed or utm", field: "source" },
  { name: "ref_code", description: "The ?ref= share code it came through", field: "refCode" },
  { name: "referrer_host", description: "Host of the referring page", field: "referrerHost" },
  { name: "utm_source", description: "utm_source of the first visit", field: "utmSource" },
  { name: "utm_medium", description: "utm_medium of the first visit", field: "utmMedium" },
  { name: "utm_campaign", description: "utm_campaign of the first visit", field: "utmCampaign" },
  { name: "utm_term", description: "utm_term of the first visit", field: "utmTerm" },
  { name: "utm_content", description: "utm_content of the first visit", field: "utmContent" },
  { name: "partner", description: "Slug of the partner whose embed hosted the form", field: "partnerSlug" },
  {
    name: "consent_campaign",
    description: "true when the supporter wants updates about this campaign",
    field: "consents",
    map: (v) => consentScopes(v).includes("campaign"),
  },
  {
    name: "consent_partners",
    description: "Partners the supporter agreed to hear from, slugs separated by spaces",
    field: "consents",
    map: (v, ctx) =>
      consentScopes(v)
        .filter((s) => s.startsWith("partner:"))
        .map((s) => s.slice("partner:".length))
        .filter((slug) => ctx.partnerSlug === null || slug === ctx.partnerSlug)
        .sort()
        .join(" "),
  },
];

export const COLUMN_NAMES: readonly string[] = COLUMNS.map((c) => c.name);

export const DEFAULT_COLUMNS: readonly string[] = [
  "id",
  "confirmed_at",
  "first_name",
  "last_name",
  "email",
  "country",
  "source",
  "consent_campaign",
  "consent_partners",
];

const byName = new Map(COLUMNS.map((c) => [c.name, c]));

/** Resolves names to definitions in the documented order; unknown names are an error. */
export type Column = ColumnDef;

export function resolveColumns(names: readonly string[] | undefined): ColumnDef[] {
  const wanted = names && names.length > 0 ? names : DEFAULT_COLUMNS;
  const unknown = wanted.filter((n) => !byName.has(n));
  if (unknown.length > 0) {
    throw new ExportInputError(`unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `"${n}"`).join(", ")}; choose from ${COLUMN_NAMES.join(", ")}`, "columns");
  }
  const set = new Set(wanted);
  return COLUMNS.filter((c) => set.has(c.name));
}

/** Bad export parameters: the message names the parameter and says what is accepted. */
export class ExportInputError extends Error {
  /** the parameter at fault: campaign, format, columns, bom, from, to, country, source, partner */
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "ExportInputError";
  }
}

/**
 * Turns page rows (arrays of fields) into records (arrays of cells) for the chosen columns:
 * the fields to read, and a function that maps one row.
 */
export function columnReader(columns: readonly ColumnDef[], ctx: ColumnContext): { fields: Field[]; record: (row: FieldValue[]) => ColumnValue[] } {
  const fields = [...new Set(columns.map((c) => c.field))];
  const plan = columns.map((c) => ({ index: fields.indexOf(c.field), map: c.map }));
  return {
    fields,
    record: (row) => plan.map(({ index, map }) => (map ? map(row[index], ctx) : row[index])),
  };
}
