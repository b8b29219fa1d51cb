import { findCampaign } from "@/lib/campaigns/campaigns";
import { campaignProgress } from "@/lib/campaigns/page-data";
import { isLocale, routing } from "@/lib/i18n/routing";
import { withPngText } from "@/lib/sharing/png-text";
import { cachedPreview } from "@/lib/sharing/preview-cache";
import { parsePreviewFile, previewCardData } from "@/lib/sharing/preview";
import { renderPreviewPng } from "@/lib/sharing/preview-image";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "public, max-age=60" } });

/**
 * GET /og/<slug>.png (default locale) and /og/<slug>.<locale>.png: the campaign's link-preview
 * image with the live count. An unknown locale is a 404. The older ?locale=xx form still works.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const file = parsePreviewFile((await params).file);
  if (!file) return notFound();
  const requested = file.locale ?? new URL(request.url).searchParams.get("locale") ?? routing.defaultLocale;
  const locale = isLocale(requested) ? requested : routing.defaultLocale;
  const campaign = await findCampaign(file.slug, locale);
  if (!campaign) return notFound();
  const { count } = await campaignProgress(campaign);
  const data = previewCardData(campaign, count, locale);
  const png = await cachedPreview(`${campaign.id}:${campaign.title}:${locale}:${count}`, async () => withPngText(await renderPreviewPng(data), "Description", data.alt));
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      // Short: the count moves; previewers fetch the image once per share anyway.
      "Cache-Control": "public, max-age=300, s-maxage=300, stale-while-revalidate=600",
      "X-Signature-Count": String(count),
    },
  });
}
