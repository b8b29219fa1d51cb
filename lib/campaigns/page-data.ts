import type { CampaignView } from "@/lib/campaigns/model";
import type { CampaignProgress, PublicSignerView } from "@/lib/campaigns/progress";
import { countryName } from "@/lib/i18n/countries";
import { confirmedCount } from "@/lib/signatures/count";
import { displayedGoal, progressPercent } from "@/lib/signatures/goal";
import { recentPublicSigners } from "@/lib/signatures/recent";


export async function campaignProgress(campaign: CampaignView): Promise<CampaignProgress> {
  const count = await confirmedCount(campaign.id);
  const goal = displayedGoal(count, campaign.goal);
  return { count, goal, percent: progressPercent(count, goal) };
}


export async function publicSigners(campaign: CampaignView, locale: string): Promise<PublicSignerView[]> {
  const signers = await recentPublicSigners(campaign.id);
  return signers.map((s) => ({ name: s.name, country: countryName(s.country, locale) }));
}
