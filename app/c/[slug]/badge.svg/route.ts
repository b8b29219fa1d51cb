import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";
import { routing } from "@/lib/i18n/routing";
import { countBadgeSvg } from "@/lib/sharing/badge";

export const dynamic = "force-dynamic";

/** GET /c/<slug>/badge.svg: the live confirmed count as an accessible SVG badge. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const campaign = await findCampaign((await params).slug);
  if (!campaign) return new Response("Not found", { status: 404, headers: { "Cache-Control": "public, max-age=60" } });
  const { count } = await campaignProgress(campaign);
  return new Response(countBadgeSvg(campaign, count, routing.defaultLocale), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=60, s-maxage=60, stale-while-revalidate=300",
    },
  });
}
