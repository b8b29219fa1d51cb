import { db } from "@/lib/db";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { hashToken, isWellFormedToken } from "@/lib/security/tokens";

export type ReferralStats = {
  campaign: { slug: string; title: string };
  /** null while the signature is not confirmed (codes are given at confirmation) */
  referralCode: string | null;
  /** confirmed signatures made through this signer's links; nothing else about them is read */
  referredConfirmed: number;
};

/** The private referral page's data for a token from the confirmation email, or null for an unknown token. */
export async function referralStats(token: string): Promise<ReferralStats | null> {
  if (!isWellFormedToken(token)) return null;
  const signature = await db().signature.findUnique({
    where: { statsTokenHash: hashToken(token) },
    select: { id: true, status: true, referralCode: true, campaign: { select: { slug: true } } },
  });
  if (!signature || signature.status === "withdrawn" || signature.status === "invalidated") return null;
  const campaign = await findCampaign(signature.campaign.slug);
  if (!campaign) return null;
  const referredConfirmed = await db().signature.count({ where: { referredById: signature.id, status: "confirmed" } });
  return {
    campaign: { slug: campaign.slug, title: campaign.title },
    referralCode: signature.status === "confirmed" ? signature.referralCode : null,
    referredConfirmed,
  };
}
