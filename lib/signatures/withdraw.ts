import { findCampaign } from "@/lib/campaigns/campaigns";
import { recordSystemAudit } from "@/lib/audit/audit";
import { noteChange, transact } from "@/lib/db/changes";
import { db } from "@/lib/db";
import type { SigningStore } from "@/lib/db/signing";
import { absoluteUrl } from "@/lib/i18n/urls";
import { generateToken, hashToken, isWellFormedToken } from "@/lib/security/tokens";
import { enqueueSignatureRemoved } from "@/lib/webhooks/events";

// Withdrawal by the signer (docs/decisions/053-withdrawal-by-the-signer.md). Every email to a
// signer carries a link /withdraw/<token>; only the token's SHA-256 is stored, one row per email,
// so a later email never kills the link in an earlier one. The link's page only reads: its one
// button POSTs, so a mail scanner that follows the link changes nothing. Withdrawing does what an
// owner's withdrawal does (lib/admin/signatures.ts): the signature stops counting, its consents
// are withdrawn, its confirmation links stop working, `signature.withdrawn` is queued for the
// webhooks; the audit row names the signature, never the address. The links die when the
// signature is erased or anonymised (their rows go with it).

/** A new withdrawal link for a signature, for an email about to be queued in the same transaction. */
export async function newWithdrawalUrl(
  store: Pick<SigningStore, "insertWithdrawalToken">,
  signatureId: string,
  locale: string,
  now: Date,
): Promise<string> {
  const token = generateToken();
  await store.insertWithdrawalToken({ signatureId, tokenHash: hashToken(token), createdAt: now });
  return absoluteUrl(`/withdraw/${token}`, locale);
}

export type WithdrawalState = "active" | "withdrawn" | "invalid";
export type WithdrawalLookup = { state: WithdrawalState; campaign?: { slug: string; title: string } };

async function findWithdrawalToken(token: string) {
  if (!isWellFormedToken(token)) return null;
  return db().withdrawalToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { signature: { select: { id: true, status: true, erasedAt: true, campaign: { select: { slug: true } } } } },
  });
}

async function campaignSummary(slug: string, locale?: string) {
  const campaign = await findCampaign(slug, locale);
  return campaign ? { slug: campaign.slug, title: campaign.title } : undefined;
}

/** What the withdrawal page shows for a link. Reads only: a GET must never withdraw. */
export async function lookupWithdrawal(token: string, locale?: string): Promise<WithdrawalLookup> {
  const row = await findWithdrawalToken(token);
  if (!row || row.signature.erasedAt) return { state: "invalid" };
  const campaign = await campaignSummary(row.signature.campaign.slug, locale);
  // Pending and confirmed signatures can be withdrawn; one removed as spam already counts for nothing.
  const active = row.signature.status === "pending" || row.signature.status === "confirmed";
  return { state: active ? "active" : "withdrawn", campaign };
}

export type SignerWithdrawResult = { result: "withdrawn" | "already" | "invalid"; campaign?: { slug: string; title: string } };

/** Withdraws the signature behind a withdrawal link. Idempotent: a second use answers "already". */
export async function withdrawBySigner(token: string, now = new Date()): Promise<SignerWithdrawResult> {
  if (!isWellFormedToken(token)) return { result: "invalid" };
  const tokenHash = hashToken(token);
  const outcome = await transact(async (tx) => {
    const row = await tx.withdrawalToken.findUnique({
      where: { tokenHash },
      select: { signature: { select: { id: true, status: true, erasedAt: true, campaignId: true, campaign: { select: { slug: true } } } } },
    });
    if (!row || row.signature.erasedAt) return { result: "invalid" as const };
    const { signature } = row;
    const slug = signature.campaign.slug;
    // Decided by a conditional update, so two presses at once withdraw (and audit) once.
    const changed = await tx.signature.updateMany({
      where: { id: signature.id, status: { in: ["pending", "confirmed"] } },
      data: { status: "withdrawn", withdrawnAt: now },
    });
    if (changed.count === 0) return { result: "already" as const, slug };
    await tx.consent.updateMany({ where: { signatureId: signature.id, withdrawnAt: null }, data: { withdrawnAt: now } });
    await tx.confirmationToken.deleteMany({ where: { signatureId: signature.id } });
    // signature.withdrawn (the tombstone) to the endpoints that were told of it, if it was confirmed.
    await enqueueSignatureRemoved(tx, "signature.withdrawn", signature.id, now);
    await recordSystemAudit(
      "signer",
      "signature.withdraw",
      { campaignId: signature.campaignId, targetId: signature.id, details: { previousStatus: signature.status, by: "signer" } },
      tx,
    );
    // After the commit, every process forgets its counts, recent signers and dashboards.
    noteChange(tx, { kind: "signatures", campaignId: signature.campaignId });
    return { result: "withdrawn" as const, slug };
  });
  if (outcome.result === "invalid") return { result: "invalid" };
  return { result: outcome.result, campaign: await campaignSummary(outcome.slug) };
}
