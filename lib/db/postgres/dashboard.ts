import type pg from "pg";
import type { DashboardReads, KeyCount } from "@/lib/db/dashboard";
import { query, toPgTime } from "@/lib/db/postgres/pool";

// The dashboard's aggregates on PostgreSQL, on the pool. DateTime columns are `timestamp(3)`
// without time zone holding UTC: date_trunc gives the UTC day / hour, read back as Date (pgTypes).
// Keys that break ties are ordered COLLATE "C" (byte order, as on SQLite), whatever the
// database's collation; the partner scopes are picked by prefix with starts_with, which no
// collation changes either.

type Row = { key: string | null; n: number };
const counts = (list: Row[]): KeyCount[] => list.map((r) => ({ key: r.key ?? "", count: r.n }));

export function postgresDashboardReads(pool: pg.Pool): DashboardReads {
  return {
    async statusCounts(campaignId) {
      return counts(await query<Row>(pool, `SELECT status AS key, COUNT(*) AS n FROM "Signature" WHERE "campaignId" = $1 GROUP BY status`, [campaignId]));
    },

    async confirmedPerDay(campaignId) {
      const list = await query<{ day: Date; n: number }>(
        pool,
        `SELECT date_trunc('day', "confirmedAt") AS day, COUNT(*) AS n FROM "Signature"
         WHERE "campaignId" = $1 AND status = 'confirmed' AND "confirmedAt" IS NOT NULL GROUP BY day ORDER BY day`,
        [campaignId],
      );
      return list.map((r) => ({ day: r.day, count: r.n }));
    },

    async confirmedPerHour(campaignId, since) {
      const list = await query<{ hour: Date; n: number }>(
        pool,
        `SELECT date_trunc('hour', "confirmedAt") AS hour, COUNT(*) AS n FROM "Signature"
         WHERE "campaignId" = $1 AND status = 'confirmed' AND "confirmedAt" >= $2 GROUP BY hour ORDER BY hour`,
        [campaignId, toPgTime(since)],
      );
      return list.map((r) => ({ hour: r.hour, count: r.n }));
    },

    async confirmedByCountry(campaignId) {
      return counts(
        await query<Row>(
          pool,
          `SELECT country AS key, COUNT(*) AS n FROM "Signature"
           WHERE "campaignId" = $1 AND status = 'confirmed' GROUP BY country ORDER BY n DESC, country COLLATE "C"`,
          [campaignId],
        ),
      );
    },

    async confirmedBySource(campaignId) {
      return counts(
        await query<Row>(
          pool,
          `SELECT source AS key, COUNT(*) AS n FROM "Signature"
           WHERE "campaignId" = $1 AND status = 'confirmed' GROUP BY source ORDER BY n DESC, source COLLATE "C"`,
          [campaignId],
        ),
      );
    },

    async confirmedByEmbedPartnerId(campaignId) {
      const list = await query<Row>(
        pool,
        `SELECT "partnerId" AS key, COUNT(*) AS n FROM "Signature"
         WHERE "campaignId" = $1 AND status = 'confirmed' AND source = 'embed' GROUP BY "partnerId"`,
        [campaignId],
      );
      return list.map((r) => ({ partnerId: r.key, count: r.n }));
    },

    async confirmedByUtmSource(campaignId, limit) {
      return counts(
        await query<Row>(
          pool,
          `SELECT COALESCE("utmSource", '') AS key, COUNT(*) AS n FROM "Signature"
           WHERE "campaignId" = $1 AND status = 'confirmed' AND source = 'utm'
           GROUP BY 1 ORDER BY n DESC, COALESCE("utmSource", '') COLLATE "C" LIMIT $2`,
          [campaignId, limit],
        ),
      );
    },

    async topReferrerIds(campaignId, limit) {
      return (
        await query<{ id: string; n: number }>(
          pool,
          `SELECT "referredById" AS id, COUNT(*) AS n FROM "Signature"
           WHERE "campaignId" = $1 AND status = 'confirmed' AND "referredById" IS NOT NULL
           GROUP BY "referredById" ORDER BY n DESC LIMIT $2`,
          [campaignId, limit],
        )
      ).map((r) => ({ id: r.id, count: r.n }));
    },

    async partnerConsentCounts(campaignId) {
      const list = await query<Row>(
        pool,
        `SELECT c.scope AS key, COUNT(*) AS n FROM "Consent" c JOIN "Signature" s ON s.id = c."signatureId"
         WHERE starts_with(c.scope, 'partner:') AND c."withdrawnAt" IS NULL
           AND s."campaignId" = $1 AND s.status = 'confirmed'
         GROUP BY c.scope`,
        [campaignId],
      );
      return list.map((r) => ({ key: String(r.key).slice("partner:".length), count: r.n }));
    },
  };
}
