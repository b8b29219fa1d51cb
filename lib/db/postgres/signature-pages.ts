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
  confirmedAt: iso(`s."confirmedAt"`),
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
};

function conditions(campaignId: string, filters: SignatureFilters, after: Keyset | null): { sql: string; args: unknown[] } {
  const args: unknown[] = [campaignId];
  const arg = (value: unknown) => `$${args.push(value)}`;
  const parts = [`s."campaignId" = $1`, "s.status = 'confirmed'", `s."erasedAt" IS NULL`, `s."confirmedAt" IS NOT NULL`];
  if (filters.from) parts.push(`s."confirmedAt" >= ${arg(toPgTime(filters.from))}`);
  if (filters.to) parts.push(`s."confirmedAt" < ${arg(toPgTime(filters.to))}`);
  if (filters.countries?.length) parts.push(`s.country = ANY(${arg(filters.countries)}::text[])`);
  if (filters.source) parts.push(`s.source = ${arg(filters.source)}`);
  if (filters.partner) {
    parts.push(`s.id IN (SELECT pc."signatureId" FROM "Consent" pc WHERE pc.scope = ${arg(`partner:${filters.partner}`)} AND pc."withdrawnAt" IS NULL)`);
  }
  if (after) {
    // A range on confirmedAt (an index range on (campaignId, status, confirmedAt)) plus a filter
    // for the rows of the same instant.
    const at = arg(toPgTime(after.confirmedAt));
    parts.push(`s."confirmedAt" >= ${at} AND (s."confirmedAt" > ${at} OR s.id COLLATE "C" > ${arg(after.id)})`);
  }
  return { sql: parts.join(" AND "), args };
}

export function postgresSignaturePages(pool: pg.Pool): SignaturePages {
  return {
    async page(campaignId, filters, after, limit, fields) {
      const where = conditions(campaignId, filters, after);
      // The keyset's columns: the requested ones if there, else added after them.
      const columns = fields.map((f) => FIELDS[f]);
      const atColumn = fields.includes("confirmedAt") ? fields.indexOf("confirmedAt") : columns.push(FIELDS.confirmedAt) - 1;
      const idColumn = fields.includes("id") ? fields.indexOf("id") : columns.push(FIELDS.id) - 1;
      const select = columns.join(", ");
      const limitArg = `$${where.args.push(limit)}`;
      const result = await pool.query<FieldValue[]>({
        text: `SELECT ${select} FROM "Signature" s WHERE ${where.sql} ORDER BY s."confirmedAt", s.id COLLATE "C" LIMIT ${limitArg}`,
        values: where.args,
        rowMode: "array",
        types: pgTypes,
      });
      const rows = result.rows;
      const last = rows[rows.length - 1];
      if (rows.length < limit || !last) return { rows, next: null };
      return { rows, next: { confirmedAt: new Date(last[atColumn] as string), id: last[idColumn] as string } };
    },

    async count(campaignId, filters) {
      const where = conditions(campaignId, filters, null);
      const result = await pool.query<{ n: number }>({ text: `SELECT COUNT(*) AS n FROM "Signature" s WHERE ${where.sql}`, values: where.args, types: pgTypes });
      return result.rows[0].n;
    },
  };
}
