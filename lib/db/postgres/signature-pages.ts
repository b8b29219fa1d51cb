import type pg from "pg";
import { pgTypes, toPgTime } from "@/lib/db/postgres/pool";
import type { Field, FieldValue, Keyset, SignatureFilters, SignaturePages } from "@/lib/db/signature-pages";

// The signature pages on PostgreSQL: plain SQL on the pool, rows as arrays (rowMode "array"),
// every value text. DateTime columns are `timestamp(3)` without time zone holding UTC, so
// to_char formats them as ISO 8601 UTC without any time-zone conversion (the session's TimeZone
// plays no part). Ids are compared and ordered in byte order (COLLATE "C"), as SQLite does,
// whatever the database's collation: the same rows come out in the same order on both.

/** A `timestamp(3)` column as "2026-11-05T09:00:00.000Z". */
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const FIELDS: Record<Field, string> = {
  id: "s.id",
  // A withdrawn signature signed again and not yet confirmed keeps its earlier confirmation here.
  confirmedAt: iso(`COALESCE(s."confirmedAt", s."previouslyConfirmedAt")`),
  createdAt: iso(`s."createdAt"`),
  updatedAt: iso(`s."updatedAt"`),
  fullName: `s."fullName"`,
  email: "s.email",
  country: "s.country",
  comment: "s.comment",
  locale: "s.locale",
  source: "s.source",
  refCode: `s."refCode"`,
  referrerHost: `s."referrerHost"`,
  utmSource: `s."utmSource"`,
  utmMedium: `s."utmMedium"`,
  utmCampaign: `s."utmCampaign"`,
  utmTerm: `s."utmTerm"`,
  utmContent: `s."utmContent"`,
  partnerSlug: `(SELECT p.slug FROM "Partner" p WHERE p.id = s."partnerId")`,
  consents: `(SELECT string_agg(c.scope, ';' ORDER BY c.scope COLLATE "C") FROM "Consent" c WHERE c."signatureId" = s.id AND c."withdrawnAt" IS NULL)`,
  status: "s.status",
  erasedAt: iso(`s."erasedAt"`),
  // JSON equal to SQLite's once parsed (PostgreSQL spaces its JSON text differently).
  consentRecords: `COALESCE((SELECT json_agg(json_build_object('scope', c.scope, 'wording', c.wording, 'locale', c.locale, 'given', ${iso(`c."givenAt"`)}, 'withdrawn', ${iso(`c."withdrawnAt"`)}) ORDER BY c.scope COLLATE "C") FROM "Consent" c WHERE c."signatureId" = s.id)::text, '[]')`,
};

/** The SQL of each field, for a query of its own on a signature row aliased `s` (the webhooks' row). */
export const POSTGRES_FIELD_SQL: Readonly<Record<Field, string>> = FIELDS;

/**
 * One signature by id ($1), whatever its status: every field of a page, each under its own name,
 * and `campaignSlug`. The webhooks' row, read inside the transaction that causes the event
 * (lib/db/signature-pages.ts signatureInTransaction, the signing store's signatureForWebhook).
 */
export const postgresSignatureByIdSql = `SELECT ${Object.entries(FIELDS)
  .map(([field, sql]) => `${sql} AS "${field}"`)
  .join(", ")}, (SELECT c.slug FROM "Campaign" c WHERE c.id = s."campaignId") AS "campaignSlug" FROM "Signature" s WHERE s.id = $1`;

const OPERATORS = { gt: ">", ge: ">=", lt: "<", le: "<=" } as const;
const TIME_COLUMNS = { confirmedAt: `s."confirmedAt"`, updatedAt: `s."updatedAt"` } as const;
/** Every signature integrators may have been told of (as on SQLite: lib/db/sqlite/signature-pages.ts). */
const EVER_CONFIRMED = `(s."confirmedAt" IS NOT NULL OR s."previouslyConfirmedAt" IS NOT NULL)`;
const EVER_CONFIRMED_AT = `COALESCE(s."confirmedAt", s."previouslyConfirmedAt")`;

function orderBy(filters: SignatureFilters): string {
  return `ORDER BY ${TIME_COLUMNS[filters.order ?? "confirmedAt"]}, s.id COLLATE "C"`;
}

function conditions(campaignId: string, filters: SignatureFilters, after: Keyset | null): { sql: string; args: unknown[] } {
  const args: unknown[] = [campaignId];
  const arg = (value: unknown) => `$${args.push(value)}`;
  const active = (filters.set ?? "active") === "active";
  const parts = [`s."campaignId" = $1`, ...(active ? ["s.status = 'confirmed'", `s."erasedAt" IS NULL`, `s."confirmedAt" IS NOT NULL`] : [EVER_CONFIRMED])];
  if (filters.from) parts.push(`s."confirmedAt" >= ${arg(toPgTime(filters.from))}`);
  if (filters.to) parts.push(`s."confirmedAt" < ${arg(toPgTime(filters.to))}`);
  for (const range of filters.ranges ?? []) {
    const column = range.field === "confirmedAt" && !active ? EVER_CONFIRMED_AT : TIME_COLUMNS[range.field];
    parts.push(`${column} ${OPERATORS[range.op]} ${arg(toPgTime(range.at))}`);
  }
  if (filters.countries?.length) parts.push(`s.country = ANY(${arg(filters.countries)}::text[])`);
  if (filters.source) parts.push(`s.source = ${arg(filters.source)}`);
  if (filters.partner) {
    const inForce = active ? ` AND pc."withdrawnAt" IS NULL` : "";
    parts.push(`s.id IN (SELECT pc."signatureId" FROM "Consent" pc WHERE pc.scope = ${arg(`partner:${filters.partner}`)}${inForce})`);
  }
  if (after) {
    // A range on the order's time (an index range) plus a filter for the rows of the same instant.
    const column = TIME_COLUMNS[filters.order ?? "confirmedAt"];
    const at = arg(toPgTime(after.at));
    parts.push(`${column} >= ${at} AND (${column} > ${at} OR s.id COLLATE "C" > ${arg(after.id)})`);
  }
  return { sql: parts.join(" AND "), args };
}

export function postgresSignaturePages(pool: pg.Pool): SignaturePages {
  return {
    async page(campaignId, filters, after, limit, fields) {
      const where = conditions(campaignId, filters, after);
      // The keyset's columns: the requested ones if there, else added after them.
      const columns = fields.map((f) => FIELDS[f]);
      const time = filters.order ?? "confirmedAt";
      const atColumn = fields.includes(time) ? fields.indexOf(time) : columns.push(FIELDS[time]) - 1;
      const idColumn = fields.includes("id") ? fields.indexOf("id") : columns.push(FIELDS.id) - 1;
      const select = columns.join(", ");
      const limitArg = `$${where.args.push(limit)}`;
      const result = await pool.query<FieldValue[]>({
        text: `SELECT ${select} FROM "Signature" s WHERE ${where.sql} ${orderBy(filters)} LIMIT ${limitArg}`,
        values: where.args,
        rowMode: "array",
        types: pgTypes,
      });
      const rows = result.rows;
      const last = rows[rows.length - 1];
      if (rows.length < limit || !last) return { rows, next: null };
      return { rows, next: { at: new Date(last[atColumn] as string), id: last[idColumn] as string } };
    },

    async keysetAfter(campaignId, filters, after, skip) {
      const where = conditions(campaignId, filters, after);
      const offsetArg = `$${where.args.push(skip - 1)}`;
      const result = await pool.query<FieldValue[]>({
        text: `SELECT ${FIELDS[filters.order ?? "confirmedAt"]}, s.id FROM "Signature" s WHERE ${where.sql} ${orderBy(filters)} LIMIT 1 OFFSET ${offsetArg}`,
        values: where.args,
        rowMode: "array",
        types: pgTypes,
      });
      const row = result.rows[0];
      return row ? { at: new Date(row[0] as string), id: row[1] as string } : null;
    },

    async one(campaignId, id, fields) {
      const result = await pool.query<FieldValue[]>({
        text: `SELECT ${fields.map((f) => FIELDS[f]).join(", ")} FROM "Signature" s WHERE s."campaignId" = $1 AND s.id = $2 AND ${EVER_CONFIRMED}`,
        values: [campaignId, id],
        rowMode: "array",
        types: pgTypes,
      });
      return result.rows[0] ?? null;
    },

    async count(campaignId, filters) {
      const where = conditions(campaignId, filters, null);
      const result = await pool.query<{ n: number }>({ text: `SELECT COUNT(*) AS n FROM "Signature" s WHERE ${where.sql}`, values: where.args, types: pgTypes });
      return result.rows[0].n;
    },
  };
}
