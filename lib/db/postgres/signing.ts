import type pg from "pg";
import { newId } from "@/lib/db/ids";
import type { SignatureRecord } from "@/lib/db/signature-pages";
import type { SigningStore, SignatureStatus } from "@/lib/db/signing";
import { postgresSignatureByIdSql } from "@/lib/db/postgres/signature-pages";
import { execute, query, toPgTime } from "@/lib/db/postgres/pool";

// The signing path's statements for PostgreSQL, run on one pooled connection inside the
// transaction that writeSigning opens. The same statements as lib/db/sqlite/signing.ts, in
// PostgreSQL's dialect: quoted identifiers, $n parameters, real booleans, timestamps in UTC.

export function postgresSigningStore(client: pg.PoolClient): SigningStore {
  const one = async <T>(text: string, values: unknown[]) => (await query<T>(client, text, values))[0];
  return {
    async signatureByEmail(campaignId, emailNormalized) {
      const row = await one<{ id: string; email: string; fullName: string; locale: string; status: SignatureStatus }>(
        `SELECT id, email, "fullName", locale, status FROM "Signature" WHERE "campaignId" = $1 AND "emailNormalized" = $2`,
        [campaignId, emailNormalized],
      );
      return row ?? null;
    },

    async confirmedSignerByReferralCode(campaignId, referralCode) {
      const row = await one<{ id: string }>(`SELECT id FROM "Signature" WHERE "referralCode" = $1 AND "campaignId" = $2 AND status = 'confirmed'`, [
        referralCode,
        campaignId,
      ]);
      return row?.id ?? null;
    },

    async insertSignature(s) {
      const at = toPgTime(s.createdAt);
      await execute(
        client,
        `INSERT INTO "Signature" (id, "campaignId", "fullName", email, "emailNormalized", country, comment, "showName", "optInCampaign", locale,
           status, "createdAt", "updatedAt", "statsTokenHash", source, "refCode", "referredById", "partnerId",
           "utmSource", "utmMedium", "utmCampaign", "utmTerm", "utmContent", "referrerHost", "clientHash", "emailDomain")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $23, $11, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $24, $25)`,
        [
          s.id, s.campaignId, s.fullName, s.email, s.emailNormalized, s.country, s.comment, s.showName, s.optInCampaign, s.locale,
          at, s.statsTokenHash, s.source, s.refCode, s.referredById, s.partnerId,
          s.utmSource, s.utmMedium, s.utmCampaign, s.utmTerm, s.utmContent, s.referrerHost, s.status, s.clientHash, s.emailDomain,
        ],
      );
    },

    async signingCounts(q) {
      // Each signature count reads at most its limit of index entries (LIMIT inside the subquery).
      const row = await one<{ mails: number; byClient: number; byDomain: number }>(
        `SELECT (SELECT count(*)::int FROM "OutboxMessage" WHERE "capKey" = $1 AND "createdAt" >= $2) AS mails,
                (SELECT count(*)::int FROM (SELECT 1 FROM "Signature" WHERE "campaignId" = $3 AND "clientHash" = $4 AND "createdAt" >= $5 LIMIT $6) c) AS "byClient",
                (SELECT count(*)::int FROM (SELECT 1 FROM "Signature" WHERE "campaignId" = $3 AND "emailDomain" = $7 AND "createdAt" >= $5 LIMIT $8) d) AS "byDomain"`,
        [q.capKey, toPgTime(q.mailSince), q.campaignId, q.clientHash, toPgTime(q.burstSince), q.clientLimit, q.emailDomain, q.domainLimit],
      );
      return row!;
    },

    async releaseSuspect(signatureId, now) {
      return (await execute(client, `UPDATE "Signature" SET status = 'pending', "updatedAt" = $1 WHERE id = $2 AND status = 'suspect'`, [toPgTime(now), signatureId])) > 0;
    },

    async renewSignature(id, c, now) {
      await execute(
        client,
        `UPDATE "Signature" SET status = 'pending', "withdrawnAt" = NULL, "previouslyConfirmedAt" = COALESCE("confirmedAt", "previouslyConfirmedAt"), "confirmedAt" = NULL, "fullName" = $1, country = $2, comment = $3,
           "showName" = $4, "optInCampaign" = $5, locale = $6, "updatedAt" = $7 WHERE id = $8`,
        [c.fullName, c.country, c.comment, c.showName, c.optInCampaign, c.locale, toPgTime(now), id],
      );
    },

    async insertConsents(rows) {
      for (const c of rows) {
        await execute(client, `INSERT INTO "Consent" (id, "signatureId", scope, wording, locale, "givenAt") VALUES ($1, $2, $3, $4, $5, $6)`, [
          newId(),
          c.signatureId,
          c.scope,
          c.wording,
          c.locale,
          toPgTime(c.givenAt),
        ]);
      }
    },

    async insertConfirmationToken(t) {
      await execute(client, `INSERT INTO "ConfirmationToken" (id, "signatureId", "tokenHash", "expiresAt", "createdAt") VALUES ($1, $2, $3, $4, $5)`, [
        newId(),
        t.signatureId,
        t.tokenHash,
        toPgTime(t.expiresAt),
        toPgTime(t.createdAt),
      ]);
    },

    async deleteConfirmationTokens(signatureId) {
      await execute(client, `DELETE FROM "ConfirmationToken" WHERE "signatureId" = $1`, [signatureId]);
    },

    async insertWithdrawalToken(t) {
      await execute(client, `INSERT INTO "WithdrawalToken" (id, "signatureId", "tokenHash", "createdAt") VALUES ($1, $2, $3, $4)`, [
        newId(),
        t.signatureId,
        t.tokenHash,
        toPgTime(t.createdAt),
      ]);
    },

    async mailsQueuedSince(capKey, since) {
      const row = await one<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "capKey" = $1 AND "createdAt" >= $2`, [capKey, toPgTime(since)]);
      return row!.n;
    },

    async insertOutboxMessage(m) {
      const at = toPgTime(m.createdAt);
      await execute(
        client,
        `INSERT INTO "OutboxMessage" (id, channel, kind, "toAddress", "capKey", "endpointId", "signatureId", payload, status, attempts, "nextAttemptAt", "createdAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9)`,
        [newId(), m.channel, m.kind, m.toAddress, m.capKey, m.endpointId, m.signatureId, m.payload, at],
      );
      // Delivered to listeners at commit, dropped on rollback: a worker elsewhere wakes at once.
      await execute(client, `SELECT pg_notify('outbox', '')`);
    },

    async confirmationByTokenHash(hash) {
      const row = await one<{ tokenId: string; expiresAt: Date; id: string; status: SignatureStatus; campaignId: string; referralCode: string | null }>(
        `SELECT t.id AS "tokenId", t."expiresAt", s.id, s.status, s."campaignId", s."referralCode"
           FROM "ConfirmationToken" t JOIN "Signature" s ON s.id = t."signatureId" WHERE t."tokenHash" = $1
           FOR UPDATE OF s`,
        [hash],
      );
      if (!row) return null;
      return {
        tokenId: row.tokenId,
        expiresAt: row.expiresAt,
        signature: { id: row.id, status: row.status, campaignId: row.campaignId, referralCode: row.referralCode },
      };
    },

    async markConfirmed(signatureId, now) {
      const at = toPgTime(now);
      return (await execute(client, `UPDATE "Signature" SET status = 'confirmed', "confirmedAt" = $1, "updatedAt" = $1 WHERE id = $2 AND status = 'pending'`, [at, signatureId])) > 0;
    },

    async referralCodeTaken(code) {
      return (await one(`SELECT 1 AS taken FROM "Signature" WHERE "referralCode" = $1`, [code])) !== undefined;
    },

    async setReferralCode(signatureId, code, now) {
      await execute(client, `UPDATE "Signature" SET "referralCode" = $1, "updatedAt" = $2 WHERE id = $3`, [code, toPgTime(now), signatureId]);
    },

    async markTokenUsed(tokenId, now) {
      await execute(client, `UPDATE "ConfirmationToken" SET "usedAt" = $1 WHERE id = $2`, [toPgTime(now), tokenId]);
    },

    async activeWebhookEndpoints() {
      return query<{ id: string; url: string; events: string; partnerSlug: string | null }>(
        client,
        `SELECT e.id, e.url, e.events, p.slug AS "partnerSlug" FROM "WebhookEndpoint" e LEFT JOIN "Partner" p ON p.id = e."partnerId" WHERE e."disabledAt" IS NULL`,
      );
    },

    async signatureForWebhook(id) {
      // The signature pages' own field SQL (lib/db/postgres/signature-pages.ts), in this transaction.
      return (await one<SignatureRecord>(postgresSignatureByIdSql, [id])) ?? null;
    },

    async insertAuditLog(a) {
      await execute(
        client,
        `INSERT INTO "AuditLog" (id, "actorType", "actorId", "actorLabel", action, "campaignId", "targetId", details, "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [newId(), a.actorType, a.actorId, a.actorLabel, a.action, a.campaignId, a.targetId, a.details, toPgTime(a.createdAt)],
      );
    },
  };
}
