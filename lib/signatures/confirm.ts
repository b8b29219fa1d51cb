import { allCampaignsById, campaignState, findCampaign, type CampaignView } from "@/lib/campaigns/campaigns";
import { db } from "@/lib/db";
import { type SigningStore, writeSigning } from "@/lib/db/signing";
import { generateReferralCode } from "@/lib/sharing/referral-code";
import { hashToken, isWellFormedToken } from "@/lib/security/tokens";
import { noteChange } from "@/lib/db/changes";
import { enqueueSignatureConfirmed } from "@/lib/webhooks/events";

export type ConfirmationState = "pending" | "confirmed" | "invalid" | "expired" | "closed";

export type ConfirmationLookup = {
  state: ConfirmationState;
  campaign?: { slug: string; title: string };
  /** the signer's share code, once confirmed */
  referralCode?: string;
  /** the first word of the signer's name, once confirmed: the thank-you heading (ADR 057) */
  firstName?: string;
};

/** The first word of a name, as typed ("Aylin Kaya" → "Aylin"); "" when there is none. */
export function firstNameOf(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? "";
}

async function findToken(token: string) {
  if (!isWellFormedToken(token)) return null;
  return db().confirmationToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      signature: { select: { id: true, status: true, campaignId: true, referralCode: true, fullName: true, campaign: { select: { slug: true } } } },
    },
  });
}

/** What the confirmation page shows for a link. Reads only: a GET must never confirm. */
export async function lookupConfirmation(token: string, locale?: string, now = new Date()): Promise<ConfirmationLookup> {
  const row = await findToken(token);
  if (!row) return { state: "invalid" };
  const campaign = await findCampaign(row.signature.campaign.slug, locale);
  const summary = campaign ? { slug: campaign.slug, title: campaign.title } : undefined;
  if (row.signature.status === "confirmed") return {
      state: "confirmed",
      campaign: summary,
      referralCode: row.signature.referralCode ?? undefined,
      firstName: firstNameOf(row.signature.fullName) || undefined,
    };
  // Withdrawn or removed as spam: an old link must not bring it back.
  if (row.signature.status !== "pending") return { state: "invalid" };
  if (row.expiresAt < now) return { state: "expired", campaign: summary };
  if (!campaign || campaignState(campaign, now) !== "open") return { state: "closed", campaign: summary };
  return { state: "pending", campaign: summary };
}

/** Gives a confirmed signature its unique share code; a collision (about 2^-49 per pair) draws again. */
async function assignReferralCode(store: SigningStore, signatureId: string, now: Date): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const code = generateReferralCode();
    if (!(await store.referralCodeTaken(code))) {
      await store.setReferralCode(signatureId, code, now);
      return;
    }
    if (attempt >= 5) throw new Error("could not draw an unused referral code");
  }
}

export type ConfirmResult = {
  result: "confirmed" | "already-confirmed" | "invalid" | "expired" | "closed";
  campaign?: { slug: string; title: string };
};

type Confirmation = { result: ConfirmResult["result"]; campaignId?: string; campaignSlug?: string; webhooks: number };

/** The confirmation itself, inside the write transaction: every check is made against what it reads there. */
async function confirmInStore(store: SigningStore, tokenHash: string, campaigns: Map<string, CampaignView>, now: Date): Promise<Confirmation> {
  const row = await store.confirmationByTokenHash(tokenHash);
  if (!row) return { result: "invalid", webhooks: 0 };
  const { signature } = row;
  if (signature.status === "confirmed") return { result: "already-confirmed", campaignId: signature.campaignId, webhooks: 0 };
  // Withdrawn or removed as spam: an old link must not bring it back.
  if (signature.status !== "pending") return { result: "invalid", webhooks: 0 };
  if (row.expiresAt < now) return { result: "expired", campaignId: signature.campaignId, webhooks: 0 };
  const campaign = campaigns.get(signature.campaignId);
  if (!campaign || campaignState(campaign, now) !== "open") return { result: "closed", campaignId: signature.campaignId, webhooks: 0 };
  if (!(await store.markConfirmed(signature.id, now))) return { result: "already-confirmed", campaignId: signature.campaignId, webhooks: 0 };
  // A signer confirming again after a withdrawal keeps the code their shared links carry.
  if (!signature.referralCode) await assignReferralCode(store, signature.id, now);
  await store.markTokenUsed(row.tokenId, now);
  // Webhook deliveries are queued with the change they report (lib/webhooks/events.ts).
  const webhooks = await enqueueSignatureConfirmed(store, signature.id, now);
  // After the commit: the count and recent signers of this process update (lib/db/changes.ts).
  noteChange(store, { kind: "confirmed", campaignId: signature.campaignId });
  return { result: "confirmed", campaignId: signature.campaignId, webhooks };
}

/** Confirms the signature behind a token. Idempotent: a second call answers "already-confirmed". */
export async function confirmSignature(token: string, now = new Date()): Promise<ConfirmResult> {
  if (!isWellFormedToken(token)) return { result: "invalid" };
  // Campaigns are read from their cache before the transaction; the work inside only awaits the store.
  const campaigns = await allCampaignsById();
  const outcome = await writeSigning((store) => confirmInStore(store, hashToken(token), campaigns, now));
  const campaign = outcome.campaignId ? campaigns.get(outcome.campaignId) : undefined;
  const summary = campaign ? { slug: campaign.slug, title: campaign.title } : undefined;
  return { result: outcome.result, campaign: outcome.result === "invalid" ? undefined : summary };
}
