import { newId } from "@/lib/db/ids";
import type { SignatureRecord } from "@/lib/db/signature-pages";
import type { SigningStore, SignatureStatus } from "@/lib/db/signing";
import { sqliteSignatureByIdSql } from "@/lib/db/sqlite/signature-pages";
import type { SqliteTx } from "@/lib/db/sqlite/group-commit";
import { fromDbTime, toDbTime } from "@/lib/db/sqlite/time";

// The signing path's statements for SQLite, run inside a group commit (prepared once, reused).
// Columns, formats and defaults are those of Prisma's migrations and its SQLite adapter: booleans
// as 0/1, DateTime as ISO-8601 text with "+00:00", ids shaped like cuid().

export function sqliteSigningStore(tx: SqliteTx): SigningStore {
  return {
    async signatureByEmail(campaignId, emailNormalized) {
      const row = tx.get<{ id: string; email: string; fullName: string; locale: string; status: SignatureStatus }>(
        `SELECT id, email, fullName, locale, status FROM "Signature" WHERE campaignId = ? AND emailNormalized = ?`,
        campaignId,
        emailNormalized,
      );
      return row ?? null;
    },

    async confirmedSignerByReferralCode(campaignId, referralCode) {
      const row = tx.get<{ id: string }>(
        `SELECT id FROM "Signature" WHERE referralCode = ? AND campaignId = ? AND status = 'confirmed'`,
        referralCode,
        campaignId,
      );
      return row?.id ?? null;
    },

    async insertSignature(s) {
      const at = toDbTime(s.createdAt);
      tx.run(
        `INSERT INTO "Signature" (id, campaignId, fullName, email, emailNormalized, country, comment, showName, optInCampaign, locale,
           status, createdAt, updatedAt, statsTokenHash, source, refCode, referredById, partnerId,
           utmSource, utmMedium, utmCampaign, utmTerm, utmContent, referrerHost, clientHash, emailDomain)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        s.id,
        s.campaignId,
        s.fullName,
        s.email,
        s.emailNormalized,
        s.country,
        s.comment,
        s.showName ? 1 : 0,
        s.optInCampaign ? 1 : 0,
        s.locale,
        s.status,
        at,
        at,
        s.statsTokenHash,
        s.source,
        s.refCode,
        s.referredById,
        s.partnerId,
        s.utmSource,
        s.utmMedium,
        s.utmCampaign,
        s.utmTerm,
        s.utmContent,
        s.referrerHost,
        s.clientHash,
        s.emailDomain,
      );
    },

    async signingCounts(q) {
      // Each signature count reads at most its limit of index entries (LIMIT inside the subquery).
      return tx.get<{ mails: number; byClient: number; byDomain: number }>(
        `SELECT (SELECT count(*) FROM "OutboxMessage" WHERE capKey = ? AND createdAt >= ?) AS mails,
                (SELECT count(*) FROM (SELECT 1 FROM "Signature" WHERE campaignId = ? AND clientHash = ? AND createdAt >= ? LIMIT ?)) AS byClient,
                (SELECT count(*) FROM (SELECT 1 FROM "Signature" WHERE campaignId = ? AND emailDomain = ? AND createdAt >= ? LIMIT ?)) AS byDomain`,
        q.capKey,
        toDbTime(q.mailSince),
        q.campaignId,
        q.clientHash,
        toDbTime(q.burstSince),
        q.clientLimit,
        q.campaignId,
        q.emailDomain,
        toDbTime(q.burstSince),
        q.domainLimit,
      )!;
    },

    async releaseSuspect(signatureId, now) {
      return tx.run(`UPDATE "Signature" SET status = 'pending', updatedAt = ? WHERE id = ? AND status = 'suspect'`, toDbTime(now), signatureId) > 0;
    },

    async renewSignature(id, c, now) {
      tx.run(
        `UPDATE "Signature" SET status = 'pending', withdrawnAt = NULL, previouslyConfirmedAt = COALESCE(confirmedAt, previouslyConfirmedAt), confirmedAt = NULL, fullName = ?, country = ?, comment = ?,
           showName = ?, optInCampaign = ?, locale = ?, updatedAt = ? WHERE id = ?`,
        c.fullName,
        c.country,
        c.comment,
        c.showName ? 1 : 0,
        c.optInCampaign ? 1 : 0,
        c.locale,
        toDbTime(now),
        id,
      );
    },

    async insertConsents(rows) {
      for (const c of rows) {
        tx.run(
          `INSERT INTO "Consent" (id, signatureId, scope, wording, locale, givenAt) VALUES (?, ?, ?, ?, ?, ?)`,
          newId(),
          c.signatureId,
          c.scope,
          c.wording,
          c.locale,
          toDbTime(c.givenAt),
        );
      }
    },

    async insertConfirmationToken(t) {
      tx.run(
        `INSERT INTO "ConfirmationToken" (id, signatureId, tokenHash, expiresAt, createdAt) VALUES (?, ?, ?, ?, ?)`,
        newId(),
        t.signatureId,
        t.tokenHash,
        toDbTime(t.expiresAt),
        toDbTime(t.createdAt),
      );
    },

    async deleteConfirmationTokens(signatureId) {
      tx.run(`DELETE FROM "ConfirmationToken" WHERE signatureId = ?`, signatureId);
    },

    async insertWithdrawalToken(t) {
      tx.run(`INSERT INTO "WithdrawalToken" (id, signatureId, tokenHash, createdAt) VALUES (?, ?, ?, ?)`, newId(), t.signatureId, t.tokenHash, toDbTime(t.createdAt));
    },

    async mailsQueuedSince(capKey, since) {
      return tx.get<{ n: number }>(`SELECT count(*) AS n FROM "OutboxMessage" WHERE capKey = ? AND createdAt >= ?`, capKey, toDbTime(since))!.n;
    },

    async insertOutboxMessage(m) {
      const at = toDbTime(m.createdAt);
      tx.run(
        `INSERT INTO "OutboxMessage" (id, channel, kind, toAddress, capKey, endpointId, signatureId, payload, status, attempts, nextAttemptAt, createdAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
        newId(),
        m.channel,
        m.kind,
        m.toAddress,
        m.capKey,
        m.endpointId,
        m.signatureId,
        m.payload,
        at,
        at,
      );
    },

    async confirmationByTokenHash(hash) {
      const row = tx.get<{ tokenId: string; expiresAt: string; id: string; status: SignatureStatus; campaignId: string; referralCode: string | null }>(
        `SELECT t.id AS tokenId, t.expiresAt, s.id, s.status, s.campaignId, s.referralCode
           FROM "ConfirmationToken" t JOIN "Signature" s ON s.id = t.signatureId WHERE t.tokenHash = ?`,
        hash,
      );
      if (!row) return null;
      return {
        tokenId: row.tokenId,
        expiresAt: fromDbTime(row.expiresAt),
        signature: { id: row.id, status: row.status, campaignId: row.campaignId, referralCode: row.referralCode },
      };
    },

    async markConfirmed(signatureId, now) {
      const at = toDbTime(now);
      return tx.run(`UPDATE "Signature" SET status = 'confirmed', confirmedAt = ?, updatedAt = ? WHERE id = ? AND status = 'pending'`, at, at, signatureId) > 0;
    },

    async referralCodeTaken(code) {
      return tx.get(`SELECT 1 FROM "Signature" WHERE referralCode = ?`, code) !== undefined;
    },

    async setReferralCode(signatureId, code, now) {
      tx.run(`UPDATE "Signature" SET referralCode = ?, updatedAt = ? WHERE id = ?`, code, toDbTime(now), signatureId);
    },

    async markTokenUsed(tokenId, now) {
      tx.run(`UPDATE "ConfirmationToken" SET usedAt = ? WHERE id = ?`, toDbTime(now), tokenId);
    },

    async activeWebhookEndpoints() {
      return tx.all<{ id: string; url: string; events: string; partnerSlug: string | null }>(
        `SELECT e.id, e.url, e.events, p.slug AS partnerSlug FROM "WebhookEndpoint" e LEFT JOIN "Partner" p ON p.id = e.partnerId WHERE e.disabledAt IS NULL`,
      );
    },

    async signatureForWebhook(id) {
      // The signature pages' own field SQL (lib/db/sqlite/signature-pages.ts), on this connection.
      return tx.get<SignatureRecord>(sqliteSignatureByIdSql, id) ?? null;
    },

    async insertAuditLog(a) {
      tx.run(
        `INSERT INTO "AuditLog" (id, actorType, actorId, actorLabel, action, campaignId, targetId, details, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        newId(),
        a.actorType,
        a.actorId,
        a.actorLabel,
        a.action,
        a.campaignId,
        a.targetId,
        a.details,
        toDbTime(a.createdAt),
      );
    },
  };
}
