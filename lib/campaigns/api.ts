import { campaignState, findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";

/** The public count resource: GET /api/v1/campaigns/<slug>. Field names are a public contract. */
export type CampaignCountResource = {
  slug: string;
  title: string;
  status: "open" | "closed";
  signatureCount: number;
  goal: number;
};

export async function campaignCountResource(slug: string): Promise<CampaignCountResource | null> {
  const campaign = await findCampaign(slug);
  if (!campaign) return null;
  const progress = await campaignProgress(campaign);
  return {
    slug: campaign.slug,
    title: campaign.title,
    status: campaignState(campaign) === "open" ? "open" : "closed",
    signatureCount: progress.count,
    goal: progress.goal,
  };
}
