import { createHash } from "node:crypto";
import { type Actor, requireOwner } from "@/lib/admin/actor";
import { recordAudit } from "@/lib/audit/audit";
import { noteChange, transact } from "@/lib/db/changes";
import { deleteUnsentAbout } from "@/lib/db/outbox";
import { normalizeEmail } from "@/lib/signatures/email";
import { enqueueSignatureRemoved } from "@/lib/webhooks/events";

// The right to erasure: a person's data goes from every campaign at once. Each of their signature
// rows stays, emptied, so that counts by day, country and source stay true (a count is not
// personal data); everything that could identify them is removed in one transaction, together
// with the audit row that says it happened. The audit row holds a SHA-256 of the normalised
// address (to answer "was this person erased?"), never the address.

export type EraseResult = { signatures: number; campaigns: string[] };

export function erasureFingerprint(email: string): string {
  return createHash("sha256").update(`erasure:${normalizeEmail(email)}`, "utf8").digest("hex");
}

export async function eraseSupporter(actor: Actor, email: string, now = new Date()): Promise<EraseResult> {
  requireOwner(actor);
  const emailNormalized = normalizeEmail(email);
  const result = await transact(async (tx) => {
    const rows = await tx.signature.findMany({
      where: { emailNormalized, erasedAt: null },
      select: { id: true, email: true, campaignId: true, campaign: { select: { slug: true } } },
    });
    const ids = rows.map((r) => r.id);
    const addresses = [...new Set([...rows.map((r) => r.email), email.trim()])];
    for (const row of rows) {
      await tx.signature.update({
        where: { id: row.id },
        data: {
          fullName: "",
          email: "",
          // keeps the (campaignId, emailNormalized) unique index satisfied, and frees the address to sign again
          emailNormalized: `erased:${row.id}`,
          comment: null,
          showName: false,
          optInCampaign: false,
          refCode: null,
          utmSource: null,
          utmMedium: null,
          utmCampaign: null,
          utmTerm: null,
          utmContent: null,
          referrerHost: null,
          statsTokenHash: null,
          clientHash: null,
          emailDomain: null,
          erasedAt: now,
        },
      });
    }
    // Queued webhook payloads that still name the person go.
    await deleteUnsentAbout(tx, "webhook", "signature.confirmed", ids);
    // Consents are withdrawn, not deleted: a consent row (its scope, wording, locale and times) names
    // nobody once the row is emptied, and it is what tells a partner's API sync (and the webhooks)
    // that this erased signer was once theirs to delete (docs/decisions/055-osdi-conformance.md).
    await tx.consent.updateMany({ where: { signatureId: { in: ids }, withdrawnAt: null }, data: { withdrawnAt: now } });
    // signature.erased goes out with the erasure, the tombstone read as this transaction left the
    // row; for signatures that were confirmed, to the endpoints that were told of them.
    for (const id of ids) await enqueueSignatureRemoved(tx, "signature.erased", id, now);
    await tx.confirmationToken.deleteMany({ where: { signatureId: { in: ids } } });
    await tx.withdrawalToken.deleteMany({ where: { signatureId: { in: ids } } });
    // Queued and sent mail keeps the address (and unsent mail the name and a link).
    await tx.outboxMessage.deleteMany({ where: { channel: "email", toAddress: { in: addresses } } });
    const campaigns = [...new Set(rows.map((r) => r.campaign.slug))].sort();
    await recordAudit(
      actor,
      "signature.erase",
      { details: { signatures: rows.length, campaigns, emailFingerprint: erasureFingerprint(email) } },
      tx,
    );
    // After the commit, every process forgets its counts, recent signers and dashboards of these campaigns.
    for (const campaignId of new Set(rows.map((r) => r.campaignId))) noteChange(tx, { kind: "signatures", campaignId });
    return { signatures: rows.length, campaigns };
  });
  return { signatures: result.signatures, campaigns: result.campaigns };
}
