import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";
import { isLocale, routing } from "@/lib/i18n/routing";
import { countBadgeSvg } from "@/lib/sharing/badge";

export const dynamic = "force-dynamic";

/** GET /c/<slug>/badge.svg[?locale=xx]: the live confirmed count as an accessible SVG badge, in a locale. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const requested = new URL(request.url).searchParams.get("locale") ?? routing.defaultLocale;
  const locale = isLocale(requested) ? requested : routing.defaultLocale;
  const campaign = await findCampaign((await params).slug, locale);
  if (!campaign) return new Response("Not found", { status: 404, headers: { "Cache-Control": "public, max-age=60" } });
  const { count } = await campaignProgress(campaign);
  return new Response(countBadgeSvg(campaign, count, locale), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": "public, max-age=60, s-maxage=60, stale-while-revalidate=300",
    },
  });
}
