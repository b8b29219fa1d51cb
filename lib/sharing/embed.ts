import type { CampaignView, PartnerView } from "@/lib/campaigns/model";

/** The embed's partners: the hosting partner (from ?partner=, if in the coalition) first, then the rest in campaign order. */
export function embedPartners(campaign: Pick<CampaignView, "partners">, partnerSlug?: string): { host?: PartnerView; ordered: PartnerView[] } {
  const host = partnerSlug ? campaign.partners.find((p) => p.slug === partnerSlug) : undefined;
  return { host, ordered: host ? [host, ...campaign.partners.filter((p) => p !== host)] : campaign.partners };
}
