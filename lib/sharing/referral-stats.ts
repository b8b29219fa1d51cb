import { db } from "@/lib/db";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { generateToken, hashToken, isWellFormedToken } from "@/lib/security/tokens";

export type ReferralStats = {
  campaign: { slug: string; title: string };
  /** null while the signature is not confirmed (codes are given at confirmation) */
  referralCode: string | null;
  /** confirmed signatures made through this signer's links; nothing else about them is read */
  referredConfirmed: number;
};

/** The private referral page's data for a token from the confirmation email, or null for an unknown token. */
export async function referralStats(token: string, locale?: string): Promise<ReferralStats | null> {
  if (!isWellFormedToken(token)) return null;
  const signature = await db().signature.findUnique({
    where: { statsTokenHash: hashToken(token) },
    select: { id: true, status: true, referralCode: true, campaign: { select: { slug: true } } },
  });
  if (!signature || signature.status === "withdrawn" || signature.status === "invalidated") return null;
  const campaign = await findCampaign(signature.campaign.slug, locale);
  if (!campaign) return null;
  const referredConfirmed = await db().signature.count({ where: { referredById: signature.id, status: "confirmed" } });
  return {
    campaign: { slug: campaign.slug, title: campaign.title },
    referralCode: signature.status === "confirmed" ? signature.referralCode : null,
    referredConfirmed,
  };
}

/**
 * A new private link, asked for from the private page itself (the only way one is made after the
 * first email: a repeat signing never replaces it, ADR 053). The old token stops working at once.
 * Returns the new token, or null when the old one is not (or no longer) valid.
 */
export async function renewReferralLink(token: string, now = new Date()): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const fresh = generateToken();
  // Compare-and-set on the old hash: two presses at once make one new link, the other finds none.
  const changed = await db().signature.updateMany({
    where: { statsTokenHash: hashToken(token), status: { in: ["pending", "confirmed"] }, erasedAt: null },
    data: { statsTokenHash: hashToken(fresh), updatedAt: now },
  });
  return changed.count === 1 ? fresh : null;
}
