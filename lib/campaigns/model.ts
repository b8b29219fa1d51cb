// Campaign shapes and rules that need no database: shared by lib/ and components/.

export type PartnerView = { id: string; slug: string; name: string; shortName: string; url: string };

export type CampaignView = {
  id: string;
  slug: string;
  isDefault: boolean;
  title: string;
  summary: string;
  target: string;
  callToAction: string;
  demandsIntro: string;
  demands: string[];
  context: string[];
  letterBody: string;
  goal: number;
  opensAt: Date | null;
  closesAt: Date | null;
  /** as configured; see campaignState() for what applies now */
  status: "open" | "closed";
  partners: PartnerView[];
};

export type CampaignState = "open" | "closed" | "not-yet-open";

export function campaignState(campaign: Pick<CampaignView, "status" | "opensAt" | "closesAt">, now = new Date()): CampaignState {
  if (campaign.status === "closed") return "closed";
  if (campaign.closesAt && now >= campaign.closesAt) return "closed";
  if (campaign.opensAt && now < campaign.opensAt) return "not-yet-open";
  return "open";
}
