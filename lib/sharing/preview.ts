import { createTranslator } from "next-intl";
import type { CampaignView } from "@/lib/campaigns/model";
import { env } from "@/lib/env";
import { messagesFor } from "@/lib/i18n/messages";
import { isLocale, routing, type Locale } from "@/lib/i18n/routing";
import { absoluteUrl } from "@/lib/i18n/urls";
import { localeDirection, type Direction } from "@/lib/sharing/bidi-runs";

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

export type LinkPreview = {
  pageUrl: string;
  imageUrl: string;
  imageAlt: string;
  width: number;
  height: number;
  siteName: string;
  locale: string;
};

/** Where a campaign's preview image is served: /og/<slug>.png in the default locale, /og/<slug>.<locale>.png in the others. */
export function previewImageUrl(slug: string, locale: Locale): string {
  return `${env().APP_URL}/og/${slug}${locale === routing.defaultLocale ? "" : `.${locale}`}.png`;
}

/**
 * The slug and locale of a preview image's file name: `<slug>.png` (no locale given) or
 * `<slug>.<locale>.png`; null for anything else, a locale we do not have included.
 */
export function parsePreviewFile(file: string): { slug: string; locale?: Locale } | null {
  const match = /^([a-z0-9-]{1,100})(?:\.([A-Za-z0-9-]{1,35}))?\.png$/.exec(file);
  if (!match) return null;
  const [, slug, suffix] = match;
  if (suffix === undefined) return { slug };
  return isLocale(suffix) ? { slug, locale: suffix } : null;
}

export function previewAlt(campaign: Pick<CampaignView, "title" | "target">, count: number, locale: Locale): string {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "Preview" });
  return t("alt", { title: campaign.title, target: campaign.target, count });
}

/** The link preview of a campaign page. The same for every ?ref= or ?utm_ variant of the link. */
export function linkPreview(campaign: CampaignView, count: number, locale: Locale): LinkPreview {
  const siteName = createTranslator({ locale, messages: messagesFor(locale), namespace: "Meta" })("siteName");
  return {
    pageUrl: absoluteUrl(`/c/${campaign.slug}`, locale),
    imageUrl: previewImageUrl(campaign.slug, locale),
    imageAlt: previewAlt(campaign, count, locale),
    width: PREVIEW_WIDTH,
    height: PREVIEW_HEIGHT,
    siteName,
    locale: locale.replace("-", "_"),
  };
}

export type PreviewCardData = {
  title: string;
  to: string;
  countText: string;
  cta: string;
  siteName: string;
  host: string;
  alt: string;
  count: number;
  /** The locale's writing direction: a right-to-left card is mirrored. */
  direction: Direction;
};

/** What the preview image of a campaign shows, with the live confirmed count. */
export function previewCardData(campaign: CampaignView, count: number, locale: Locale): PreviewCardData {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "Preview" });
  const siteName = createTranslator({ locale, messages: messagesFor(locale), namespace: "Meta" })("siteName");
  return {
    title: campaign.title,
    to: t("to", { target: campaign.target }),
    countText: t("count", { count }),
    cta: t("cta"),
    siteName,
    host: new URL(env().APP_URL).host,
    alt: previewAlt(campaign, count, locale),
    count,
    direction: localeDirection(locale),
  };
}
