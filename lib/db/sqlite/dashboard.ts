import { db } from "@/lib/db";
import type { DashboardReads, KeyCount } from "@/lib/db/dashboard";
import { toDbTime } from "@/lib/db/sqlite/time";

// The dashboard's aggregates on SQLite, through the Prisma client (behind the process-wide
// serialiser). DateTime is stored as ISO 8601 text ending "+00:00": its first 10 / 13 characters
// are the UTC day / hour, and text comparison orders instants (lib/db/sqlite/time.ts).

type Row = { key: string | null; n: bigint | number };
const counts = (list: Row[]): KeyCount[] => list.map((r) => ({ key: r.key ?? "", count: Number(r.n) }));

export const sqliteDashboardReads: DashboardReads = {
  async statusCounts(campaignId) {
    return counts(await db().$queryRaw<Row[]>`
      SELECT status AS key, COUNT(*) AS n FROM "Signature" WHERE "campaignId" = ${campaignId} GROUP BY status`);
  },

  async confirmedPerDay(campaignId) {
    const list = await db().$queryRaw<Row[]>`
      SELECT substr("confirmedAt", 1, 10) AS key, COUNT(*) AS n FROM "Signature"
      WHERE "campaignId" = ${campaignId} AND status = 'confirmed' AND "confirmedAt" IS NOT NULL GROUP BY key ORDER BY key`;
    return list.map((r) => ({ day: new Date(`${r.key}T00:00:00.000Z`), count: Number(r.n) }));
  },

  async confirmedPerHour(campaignId, since) {
    const list = await db().$queryRaw<Row[]>`
      SELECT substr("confirmedAt", 1, 13) AS key, COUNT(*) AS n FROM "Signature"
      WHERE "campaignId" = ${campaignId} AND status = 'confirmed' AND "confirmedAt" >= ${toDbTime(since)}
      GROUP BY key ORDER BY key`;
    return list.map((r) => ({ hour: new Date(`${r.key}:00:00.000Z`), count: Number(r.n) }));
  },

  async confirmedByCountry(campaignId) {
    return counts(await db().$queryRaw<Row[]>`
      SELECT country AS key, COUNT(*) AS n FROM "Signature"
      WHERE "campaignId" = ${campaignId} AND status = 'confirmed' GROUP BY country ORDER BY n DESC, country`);
  },

  async confirmedBySource(campaignId) {
    return counts(await db().$queryRaw<Row[]>`
      SELECT source AS key, COUNT(*) AS n FROM "Signature"
      WHERE "campaignId" = ${campaignId} AND status = 'confirmed' GROUP BY source ORDER BY n DESC, source`);
  },

  async confirmedByEmbedPartnerId(campaignId) {
    const list = await db().$queryRaw<Row[]>`
      SELECT "partnerId" AS key, COUNT(*) AS n FROM "Signature"
      WHERE "campaignId" = ${campaignId} AND status = 'confirmed' AND source = 'embed'
      GROUP BY "partnerId"`;
    return list.map((r) => ({ partnerId: r.key, count: Number(r.n) }));
  },

  async confirmedByUtmSource(campaignId, limit) {
    return counts(await db().$queryRaw<Row[]>`
      SELECT COALESCE("utmSource", '') AS key, COUNT(*) AS n FROM "Signature"
      WHERE "campaignId" = ${campaignId} AND status = 'confirmed' AND source = 'utm'
      GROUP BY key ORDER BY n DESC, key LIMIT ${limit}`);
  },

  async topReferrerIds(campaignId, limit) {
    const list = await db().$queryRaw<{ id: string; n: bigint | number }[]>`
      SELECT "referredById" AS id, COUNT(*) AS n FROM "Signature"
      WHERE "campaignId" = ${campaignId} AND status = 'confirmed' AND "referredById" IS NOT NULL
      GROUP BY "referredById" ORDER BY n DESC LIMIT ${limit}`;
    return list.map((r) => ({ id: r.id, count: Number(r.n) }));
  },

  async partnerConsentCounts(campaignId) {
    const list = await db().$queryRaw<Row[]>`
      SELECT c.scope AS key, COUNT(*) AS n FROM "Consent" c JOIN "Signature" s ON s.id = c."signatureId"
      WHERE c.scope >= 'partner:' AND c.scope < 'partner;' AND c."withdrawnAt" IS NULL
        AND s."campaignId" = ${campaignId} AND s.status = 'confirmed'
      GROUP BY c.scope`;
    return list.map((r) => ({ key: String(r.key).slice("partner:".length), count: Number(r.n) }));
  },
};
