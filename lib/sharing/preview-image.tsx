import { ImageResponse } from "next/og";
import { PreviewCard, previewCardText } from "@/components/share/PreviewCard";
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, type PreviewCardData } from "@/lib/sharing/preview";
import { previewFonts } from "@/lib/sharing/preview-fonts";

/** The preview card as a PNG, with the fonts its text needs. */
export async function renderPreviewPng(data: PreviewCardData): Promise<Buffer> {
  const fonts = await previewFonts(previewCardText(data));
  const image = new ImageResponse(<PreviewCard data={data} />, { width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, fonts });
  return Buffer.from(await image.arrayBuffer());
}
