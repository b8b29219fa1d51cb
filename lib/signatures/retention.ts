import { recordSystemAudit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { noteChange, transact } from "@/lib/db/changes";
import { deleteUnsentAbout } from "@/lib/db/outbox";
import { env } from "@/lib/env";

// Retention (docs/decisions/054-retention-after-close.md): RETENTION_MONTHS_AFTER_CLOSE months after
// a campaign closed, its signatures are anonymised as an erasure empties a row (lib/signatures/erase.ts):
// names, addresses, comments, share codes, private-page and withdrawal tokens, UTM and referrer
// attribution, consents, confirmation links, and mail and unsent webhooks naming them go. Country,
// dates, status, source, partner and the referral edges between rows stay, so every count (by
// country, day, source, partner) stays true. Run by the periodic jobs (lib/jobs/jobs.ts), in batches,
// each batch its own transaction; safe to run in several workers at once (each row is emptied by a
// conditional update, counted only by the run that emptied it). Each run that anonymised anything
// writes one audit row with counts and campaign slugs, never an address.

export const RETENTION_BATCH = 500;

export type RetentionRun = {
  /** signatures anonymised in this run, per campaign slug */
  campaigns: Record<string, number>;
  signatures: number;
  /** campaigns marked closed with no closing date: their clock cannot start (set closesAt) */
  undated: string[];
};

/** The moment before which a campaign must have closed for its signatures to be anonymised. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/** Empties one batch of a campaign's not yet anonymised signatures; returns how many this call emptied. */
async function anonymiseBatch(campaign: { id: string; closesAt: Date }, now: Date, batch: number): Promise<{ done: number; found: number }> {
  return transact(async (tx) => {
    const rows = await tx.signature.findMany({ where: { campaignId: campaign.id, erasedAt: null }, select: { id: true, email: true }, take: batch, orderBy: { id: "asc" } });
    if (rows.length === 0) return { done: 0, found: 0 };
    const ids: string[] = [];
    for (const row of rows) {
      const changed = await tx.signature.updateMany({
        where: { id: row.id, erasedAt: null },
        data: {
          fullName: "",
          email: "",
          // keeps the (campaignId, emailNormalized) unique index satisfied
          emailNormalized: `erased:${row.id}`,
          comment: null,
          showName: false,
          optInCampaign: false,
          refCode: null,
          referralCode: null,
          utmSource: null,
          utmMedium: null,
          utmCampaign: null,
          utmTerm: null,
          utmContent: null,
          referrerHost: null,
          statsTokenHash: null,
          // burst detection (ADR 052): the domain and the keyed hash of the client address
          clientHash: null,
          emailDomain: null,
          invalidReason: null,
          erasedAt: now,
        },
      });
      if (changed.count === 1) ids.push(row.id);
    }
    if (ids.length === 0) return { done: 0, found: rows.length };
    await deleteUnsentAbout(tx, "webhook", "signature.confirmed", ids);
    await tx.consent.deleteMany({ where: { signatureId: { in: ids } } });
    await tx.confirmationToken.deleteMany({ where: { signatureId: { in: ids } } });
    await tx.withdrawalToken.deleteMany({ where: { signatureId: { in: ids } } });
    // Mail to these addresses from before the close (sent rows keep the address; the cap needs only the last hour).
    const addresses = [...new Set(rows.filter((r) => ids.includes(r.id) && r.email).map((r) => r.email))];
    if (addresses.length > 0) {
      await tx.outboxMessage.deleteMany({ where: { channel: "email", toAddress: { in: addresses }, createdAt: { lte: campaign.closesAt } } });
    }
    noteChange(tx, { kind: "signatures", campaignId: campaign.id });
    return { done: ids.length, found: rows.length };
  });
}

/** Anonymises the signatures of every campaign closed more than `months` months before `now`. Idempotent. */
export async function anonymiseClosedCampaigns(
  now: Date = new Date(),
  months: number = env().RETENTION_MONTHS_AFTER_CLOSE,
  batch: number = RETENTION_BATCH,
): Promise<RetentionRun> {
  const cutoff = retentionCutoff(now, months);
  const campaigns = await db().campaign.findMany({ select: { id: true, slug: true, status: true, closesAt: true }, orderBy: { slug: "asc" } });
  const run: RetentionRun = { campaigns: {}, signatures: 0, undated: [] };
  for (const campaign of campaigns) {
    if (!campaign.closesAt) {
      // Closed by its status alone: when is not recorded, so the clock cannot start.
      if (campaign.status === "closed") run.undated.push(campaign.slug);
      continue;
    }
    if (campaign.closesAt > cutoff) continue;
    const dated = { id: campaign.id, closesAt: campaign.closesAt };
    let total = 0;
    for (;;) {
      const { done, found } = await anonymiseBatch(dated, now, batch);
      total += done;
      if (found < batch) break;
    }
    if (total > 0) run.campaigns[campaign.slug] = total;
    run.signatures += total;
  }
  if (run.signatures > 0) {
    await recordSystemAudit("retention", "signatures.anonymise", {
      details: { retentionMonthsAfterClose: months, signatures: run.signatures, campaigns: run.campaigns },
    });
  }
  return run;
}
