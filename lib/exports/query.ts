import { bulkReader } from "@/lib/db/sqlite/bulk-reader";
import type { ExportFilters } from "@/lib/exports/options";

// Reads confirmed, not erased signatures of one campaign in pages ordered by (confirmedAt, id),
// each page starting after the last row of the one before (keyset pagination): every page costs
// the same however deep into the table it is, and nothing but one page is ever held in memory.
// Shared by exports and the integration API. Runs on the bulk reader (plain SQL through the
// driver, rows as arrays, only the fields asked for): see docs/decisions/031-export-path.md.

/** The fields a page can hold, as SQL over `Signature s`. Timestamps come out as ISO 8601 UTC ("…Z"). */
export const FIELDS = {
  id: "s.id",
  confirmedAt: "replace(s.confirmedAt, '+00:00', 'Z')",
  createdAt: "replace(s.createdAt, '+00:00', 'Z')",
  updatedAt: "replace(s.updatedAt, '+00:00', 'Z')",
  fullName: "s.fullName",
  email: "s.email",
  country: "s.country",
  comment: "s.comment",
  locale: "s.locale",
  source: "s.source",
  refCode: "s.refCode",
  referrerHost: "s.referrerHost",
  utmSource: "s.utmSource",
  utmMedium: "s.utmMedium",
  utmCampaign: "s.utmCampaign",
  utmTerm: "s.utmTerm",
  utmContent: "s.utmContent",
  partnerSlug: "(SELECT p.slug FROM Partner p WHERE p.id = s.partnerId)",
  /** consent scopes in force, ";"-separated ("campaign;partner:amnesty-international"), or null */
  consents: "(SELECT group_concat(c.scope, ';') FROM Consent c WHERE c.signatureId = s.id AND c.withdrawnAt IS NULL)",
} as const;

export type Field = keyof typeof FIELDS;
export type FieldValue = string | null;

/** Where the previous page ended: confirmedAt as stored, and the id. */
export type Keyset = { confirmedAt: string; id: string };

/** Timestamps are stored as ISO 8601 text ending "+00:00" (the Prisma better-sqlite3 adapter's format). */
export function storedTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function conditions(campaignId: string, filters: ExportFilters, after: Keyset | null): { sql: string; args: unknown[] } {
  const parts = ["s.campaignId = ?", "s.status = 'confirmed'", "s.erasedAt IS NULL", "s.confirmedAt IS NOT NULL"];
  const args: unknown[] = [campaignId];
  if (filters.from) {
    parts.push("s.confirmedAt >= ?");
    args.push(storedTimestamp(filters.from));
  }
  if (filters.to) {
    parts.push("s.confirmedAt < ?");
    args.push(storedTimestamp(filters.to));
  }
  if (filters.countries?.length) {
    parts.push(`s.country IN (${filters.countries.map(() => "?").join(", ")})`);
    args.push(...filters.countries);
  }
  if (filters.source) {
    parts.push("s.source = ?");
    args.push(filters.source);
  }
  if (filters.partner) {
    // A semi-join, not a correlated EXISTS: a correlated lookup on (signatureId, scope) may be
    // planned on the scope index, which holds every consent to that partner, once per row.
    parts.push("s.id IN (SELECT pc.signatureId FROM Consent pc WHERE pc.scope = ? AND pc.withdrawnAt IS NULL)");
    args.push(`partner:${filters.partner}`);
  }
  if (after) {
    // Written as a range on confirmedAt plus a filter, not as "a > x OR (a = x AND id > y)":
    // SQLite turns this form into an index range seek, the other into a much slower scan.
    parts.push("s.confirmedAt >= ? AND (s.confirmedAt > ? OR s.id > ?)");
    args.push(after.confirmedAt, after.confirmedAt, after.id);
  }
  return { sql: parts.join(" AND "), args };
}

/**
 * One page of signatures after `after` (null: from the start): at most `limit` rows, each an
 * array of the requested fields in order, and the keyset to continue from (null after the last page).
 */
export function signaturePage(
  campaignId: string,
  filters: ExportFilters,
  after: Keyset | null,
  limit: number,
  fields: readonly Field[],
): { rows: FieldValue[][]; next: Keyset | null } {
  const where = conditions(campaignId, filters, after);
  const select = [...fields.map((f) => FIELDS[f]), "s.confirmedAt", "s.id"].join(", ");
  const rows = bulkReader()
    .prepare(`SELECT ${select} FROM Signature s WHERE ${where.sql} ORDER BY s.confirmedAt, s.id LIMIT ?`)
    .raw()
    .all(...where.args, limit) as FieldValue[][];
  const last = rows[rows.length - 1];
  const n = fields.length;
  return { rows, next: rows.length < limit || !last ? null : { confirmedAt: last[n] as string, id: last[n + 1] as string } };
}

/** How many rows the same filters select (for the API's total). */
export function countSignatures(campaignId: string, filters: ExportFilters): number {
  const where = conditions(campaignId, filters, null);
  const row = bulkReader().prepare(`SELECT COUNT(*) AS n FROM Signature s WHERE ${where.sql}`).get(...where.args) as { n: number };
  return row.n;
}
