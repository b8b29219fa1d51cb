import type { CampaignView } from "@/lib/campaigns/model";
import type { CampaignProgress, PublicSignerView } from "@/lib/campaigns/progress";
import { countryName } from "@/lib/i18n/countries";
import { confirmedCount } from "@/lib/signatures/count";
import { displayedGoal, progressPercent } from "@/lib/signatures/goal";
import { recentPublicSigners } from "@/lib/signatures/recent";
import { isLocale, routing, type Locale } from "@/lib/i18n/routing";
import { linkPreview, type LinkPreview } from "@/lib/sharing/preview";
import { shareSet, type ShareSet } from "@/lib/sharing/share-links";

export async function campaignProgress(campaign: CampaignView): Promise<CampaignProgress> {
  const count = await confirmedCount(campaign.id);
  const goal = displayedGoal(count, campaign.goal);
  return { count, goal, percent: progressPercent(count, goal) };
}

export async function publicSigners(campaign: CampaignView, locale: string): Promise<PublicSignerView[]> {
  const signers = await recentPublicSigners(campaign.id);
  return signers.map((s) => ({ name: s.name, country: countryName(s.country, locale), confirmedAt: s.confirmedAt.toISOString() }));
}

export type CampaignPageData = {
  progress: CampaignProgress;
  signers: PublicSignerView[];
  share: ShareSet;
};

/** Everything the campaign page shows besides the campaign itself. Reads nothing of the request: the page is cached. */
export async function campaignPageData(campaign: CampaignView, locale: Locale): Promise<CampaignPageData> {
  const [progress, signers] = await Promise.all([campaignProgress(campaign), publicSigners(campaign, locale)]);
  return { progress, signers, share: shareSet(campaign, locale) };
}

/** The link preview (Open Graph, Twitter card) of a campaign with its live count. */
export async function campaignLinkPreview(campaign: CampaignView, locale: string): Promise<LinkPreview> {
  const { count } = await campaignProgress(campaign);
  return linkPreview(campaign, count, isLocale(locale) ? locale : routing.defaultLocale);
}
