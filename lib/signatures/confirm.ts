import { campaignState, findCampaign } from "@/lib/campaigns/campaigns";
import { db, type Prisma } from "@/lib/db";
import { wakeMailDispatcher } from "@/lib/mail/dispatcher";
import { generateReferralCode } from "@/lib/sharing/referral-code";
import { hashToken, isWellFormedToken } from "@/lib/security/tokens";
import { noteConfirmed } from "@/lib/signatures/count";
import { forgetRecentSigners } from "@/lib/signatures/recent";
import { enqueueSignatureConfirmed } from "@/lib/webhooks/events";

export type ConfirmationState = "pending" | "confirmed" | "invalid" | "expired" | "closed";

export type ConfirmationLookup = {
  state: ConfirmationState;
  campaign?: { slug: string; title: string };
  /** the signer's share code, once confirmed */
  referralCode?: string;
};

async function findToken(token: string) {
  if (!isWellFormedToken(token)) return null;
  return db().confirmationToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      signature: { select: { id: true, status: true, campaignId: true, referralCode: true, campaign: { select: { slug: true } } } },
    },
  });
}

/** What the confirmation page shows for a link. Reads only: a GET must never confirm. */
export async function lookupConfirmation(token: string, now = new Date()): Promise<ConfirmationLookup> {
  const row = await findToken(token);
  if (!row) return { state: "invalid" };
  const campaign = await findCampaign(row.signature.campaign.slug);
  const summary = campaign ? { slug: campaign.slug, title: campaign.title } : undefined;
  if (row.signature.status === "confirmed") return { state: "confirmed", campaign: summary, referralCode: row.signature.referralCode ?? undefined };
  // Withdrawn or removed as spam: an old link must not bring it back.
  if (row.signature.status !== "pending") return { state: "invalid" };
  if (row.expiresAt < now) return { state: "expired", campaign: summary };
  if (!campaign || campaignState(campaign, now) !== "open") return { state: "closed", campaign: summary };
  return { state: "pending", campaign: summary };
}

/** Gives a confirmed signature its unique share code; a collision (about 2^-49 per pair) draws again. */
async function assignReferralCode(tx: Prisma.TransactionClient, signatureId: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const code = generateReferralCode();
    const taken = await tx.signature.findUnique({ where: { referralCode: code }, select: { id: true } });
    if (!taken) {
      await tx.signature.update({ where: { id: signatureId }, data: { referralCode: code } });
      return;
    }
    if (attempt >= 5) throw new Error("could not draw an unused referral code");
  }
}

export type ConfirmResult = {
  result: "confirmed" | "already-confirmed" | "invalid" | "expired" | "closed";
  campaign?: { slug: string; title: string };
};

/** Confirms the signature behind a token. Idempotent: a second call answers "already-confirmed". */
export async function confirmSignature(token: string, now = new Date()): Promise<ConfirmResult> {
  const row = await findToken(token);
  if (!row) return { result: "invalid" };
  const campaign = await findCampaign(row.signature.campaign.slug);
  const summary = campaign ? { slug: campaign.slug, title: campaign.title } : undefined;
  if (row.signature.status === "confirmed") return { result: "already-confirmed", campaign: summary };
  if (row.signature.status !== "pending") return { result: "invalid" };
  if (row.expiresAt < now) return { result: "expired", campaign: summary };
  if (!campaign || campaignState(campaign, now) !== "open") return { result: "closed", campaign: summary };

  const changed = await db().$transaction(async (tx) => {
    const updated = await tx.signature.updateMany({
      where: { id: row.signature.id, status: "pending" },
      data: { status: "confirmed", confirmedAt: now },
    });
    // A signer confirming again after a withdrawal keeps the code their shared links carry.
    if (updated.count > 0 && !row.signature.referralCode) await assignReferralCode(tx, row.signature.id);
    await tx.confirmationToken.update({ where: { id: row.id }, data: { usedAt: now } });
    // Webhook deliveries are queued with the change they report (lib/webhooks/events.ts).
    const webhooks = updated.count > 0 ? await enqueueSignatureConfirmed(tx, row.signature.id, now) : 0;
    return { count: updated.count, webhooks };
  });
  if (changed.webhooks > 0) wakeMailDispatcher();
  if (changed.count === 0) return { result: "already-confirmed", campaign: summary };
  noteConfirmed(row.signature.campaignId);
  forgetRecentSigners(row.signature.campaignId);
  return { result: "confirmed", campaign: summary };
}
