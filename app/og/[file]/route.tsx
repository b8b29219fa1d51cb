import { ImageResponse } from "next/og";
import { PreviewCard } from "@/components/share/PreviewCard";
import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";
import { isLocale, routing } from "@/lib/i18n/routing";
import { withPngText } from "@/lib/sharing/png-text";
import { cachedPreview } from "@/lib/sharing/preview-cache";
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, previewCardData } from "@/lib/sharing/preview";
import { previewFonts } from "@/lib/sharing/preview-fonts";

export const dynamic = "force-dynamic";

/** GET /og/<slug>.png[?locale=xx]: the campaign's link-preview image with the live count. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const match = /^([a-z0-9-]{1,100})\.png$/.exec((await params).file);
  const campaign = match ? await findCampaign(match[1]) : null;
  if (!campaign) return new Response("Not found", { status: 404, headers: { "Cache-Control": "public, max-age=60" } });
  const requested = new URL(request.url).searchParams.get("locale") ?? routing.defaultLocale;
  const locale = isLocale(requested) ? requested : routing.defaultLocale;
  const { count } = await campaignProgress(campaign);
  const data = previewCardData(campaign, count, locale);
  const png = await cachedPreview(`${campaign.id}:${campaign.title}:${locale}:${count}`, async () => {
    const image = new ImageResponse(<PreviewCard data={data} />, { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, fonts: await previewFonts() });
    return withPngText(Buffer.from(await image.arrayBuffer()), "Description", data.alt);
  });
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      // Short: the count moves; previewers fetch the image once per share anyway.
      "Cache-Control": "public, max-age=300, s-maxage=300, stale-while-revalidate=600",
      "X-Signature-Count": String(count),
    },
  });
}
