import { bulkReader } from "@/lib/db/sqlite/bulk-reader";
import { toDbTime } from "@/lib/db/sqlite/time";
import type { Field, FieldValue, Keyset, SignatureFilters, SignaturePages } from "@/lib/db/signature-pages";

// The signature pages on SQLite, on the bulk reader (a read-only better-sqlite3 connection: rows
// as arrays, only the fields asked for). Timestamps are stored as ISO 8601 text ending "+00:00",
// so text comparison orders instants and the "Z" form is a replace away.

const FIELDS: Record<Field, string> = {
  id: "s.id",
  // A withdrawn signature signed again and not yet confirmed keeps its earlier confirmation here.
  confirmedAt: "replace(COALESCE(s.confirmedAt, s.previouslyConfirmedAt), '+00:00', 'Z')",
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
  consents: "(SELECT group_concat(c.scope, ';' ORDER BY c.scope) FROM Consent c WHERE c.signatureId = s.id AND c.withdrawnAt IS NULL)",
  status: "s.status",
  erasedAt: "replace(s.erasedAt, '+00:00', 'Z')",
  consentRecords:
    "(SELECT json_group_array(json_object('scope', c.scope, 'wording', c.wording, 'locale', c.locale, 'given', replace(c.givenAt, '+00:00', 'Z'), 'withdrawn', replace(c.withdrawnAt, '+00:00', 'Z')) ORDER BY c.scope) FROM Consent c WHERE c.signatureId = s.id)",
};

/** The SQL of each field, for a query of its own on a signature row aliased `s` (the webhooks' row). */
export const SQLITE_FIELD_SQL: Readonly<Record<Field, string>> = FIELDS;

/**
 * One signature by id (the one parameter), whatever its status: every field of a page, each under
 * its own name, and `campaignSlug`. The webhooks' row, read inside the transaction that causes the
 * event (lib/db/signature-pages.ts signatureInTransaction, the signing store's signatureForWebhook).
 */
export const sqliteSignatureByIdSql = `SELECT ${Object.entries(FIELDS)
  .map(([field, sql]) => `${sql} AS "${field}"`)
  .join(", ")}, (SELECT c.slug FROM "Campaign" c WHERE c.id = s.campaignId) AS "campaignSlug" FROM "Signature" s WHERE s.id = ?`;

const OPERATORS = { gt: ">", ge: ">=", lt: "<", le: "<=" } as const;
const TIME_COLUMNS = { confirmedAt: "s.confirmedAt", updatedAt: "s.updatedAt" } as const;
/**
 * Every signature integrators may have been told of: confirmed now, or confirmed once and then
 * withdrawn and signed again (renewSignature keeps the cleared confirmation as previouslyConfirmedAt),
 * so that a sync hears of it as a tombstone until it is confirmed again.
 */
const EVER_CONFIRMED = "(s.confirmedAt IS NOT NULL OR s.previouslyConfirmedAt IS NOT NULL)";
const EVER_CONFIRMED_AT = "COALESCE(s.confirmedAt, s.previouslyConfirmedAt)";

function conditions(campaignId: string, filters: SignatureFilters, after: Keyset | null): { sql: string; args: unknown[] } {
  const active = (filters.set ?? "active") === "active";
  const parts = active ? ["s.campaignId = ?", "s.status = 'confirmed'", "s.erasedAt IS NULL", "s.confirmedAt IS NOT NULL"] : ["s.campaignId = ?", EVER_CONFIRMED];
  const args: unknown[] = [campaignId];
  if (filters.from) {
    parts.push("s.confirmedAt >= ?");
    args.push(toDbTime(filters.from));
  }
  if (filters.to) {
    parts.push("s.confirmedAt < ?");
    args.push(toDbTime(filters.to));
  }
  for (const range of filters.ranges ?? []) {
    const column = range.field === "confirmedAt" && !active ? EVER_CONFIRMED_AT : TIME_COLUMNS[range.field];
    parts.push(`${column} ${OPERATORS[range.op]} ?`);
    args.push(toDbTime(range.at));
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
    parts.push(`s.id IN (SELECT pc.signatureId FROM Consent pc WHERE pc.scope = ?${active ? " AND pc.withdrawnAt IS NULL" : ""})`);
    args.push(`partner:${filters.partner}`);
  }
  if (after) {
    // Written as a range on the order's time plus a filter, not as "a > x OR (a = x AND id > y)":
    // SQLite turns this form into an index range seek, the other into a much slower scan.
    const column = TIME_COLUMNS[filters.order ?? "confirmedAt"];
    const at = toDbTime(after.at);
    parts.push(`${column} >= ? AND (${column} > ? OR s.id > ?)`);
    args.push(at, at, after.id);
  }
  return { sql: parts.join(" AND "), args };
}

function orderBy(filters: SignatureFilters): string {
  return `ORDER BY ${TIME_COLUMNS[filters.order ?? "confirmedAt"]}, s.id`;
}

export const sqliteSignaturePages: SignaturePages = {
  async page(campaignId, filters, after, limit, fields) {
    const where = conditions(campaignId, filters, after);
    // The keyset's columns: the requested ones if there, else added after them.
    const columns = fields.map((f) => FIELDS[f]);
    const time = filters.order ?? "confirmedAt";
    const atColumn = fields.includes(time) ? fields.indexOf(time) : columns.push(FIELDS[time]) - 1;
    const idColumn = fields.includes("id") ? fields.indexOf("id") : columns.push(FIELDS.id) - 1;
    const select = columns.join(", ");
    const rows = bulkReader()
      .prepare(`SELECT ${select} FROM Signature s WHERE ${where.sql} ${orderBy(filters)} LIMIT ?`)
      .raw()
      .all(...where.args, limit) as FieldValue[][];
    const last = rows[rows.length - 1];
    if (rows.length < limit || !last) return { rows, next: null };
    return { rows, next: { at: new Date(last[atColumn] as string), id: last[idColumn] as string } };
  },

  async keysetAfter(campaignId, filters, after, skip) {
    const where = conditions(campaignId, filters, after);
    const row = bulkReader()
      .prepare(`SELECT ${FIELDS[filters.order ?? "confirmedAt"]}, s.id FROM Signature s WHERE ${where.sql} ${orderBy(filters)} LIMIT 1 OFFSET ?`)
      .raw()
      .get(...where.args, skip - 1) as [string, string] | undefined;
    return row ? { at: new Date(row[0]), id: row[1] } : null;
  },

  async one(campaignId, id, fields) {
    const select = fields.map((f) => FIELDS[f]).join(", ");
    const row = bulkReader()
      .prepare(`SELECT ${select} FROM Signature s WHERE s.campaignId = ? AND s.id = ? AND ${EVER_CONFIRMED}`)
      .raw()
      .get(campaignId, id) as FieldValue[] | undefined;
    return row ?? null;
  },

  async count(campaignId, filters) {
    const where = conditions(campaignId, filters, null);
    const row = bulkReader().prepare(`SELECT COUNT(*) AS n FROM Signature s WHERE ${where.sql}`).get(...where.args) as { n: number };
    return row.n;
  },
};
