import type { MetadataRoute } from "next";
import { privacyPath, type CampaignView } from "@/lib/campaigns/model";
import { pathInLocale, routing } from "@/lib/i18n/routing";

// What app/robots.ts and app/sitemap.ts answer (docs/decisions/056-privacy-notice-and-sender.md).

/**
 * Pages no search engine should fetch: the ones opened by a secret link (they also answer
 * X-Robots-Tag: noindex, next.config.ts), the page shown after signing, and the admin; the same
 * under each locale's prefix. The API is data, not pages.
 */
const PRIVATE_PAGES = ["/confirm/", "/referrals/", "/withdraw/", "/c/*/check-email"];

export function robotsRules(appUrl: string): MetadataRoute.Robots {
  const prefixes = ["", ...routing.locales.map((l) => `/${l}`)];
  return {
    rules: { userAgent: "*", allow: "/", disallow: [...prefixes.flatMap((prefix) => PRIVATE_PAGES.map((page) => `${prefix}${page}`)), "/admin", "/api/"] },
    sitemap: `${appUrl}/sitemap.xml`,
  };
}

/**
 * Every campaign page and its privacy notice, at the canonical addresses the pages name (/c/<slug>;
 * /privacy for the default campaign's notice), absolute from `absolute` (APP_URL); the default
 * campaign first. Each entry names the same page in every language (hreflang alternates).
 */
export function sitemapEntries(campaigns: Iterable<Pick<CampaignView, "slug" | "isDefault">>, absolute: (path: string) => string): MetadataRoute.Sitemap {
  const sorted = [...campaigns].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.slug.localeCompare(b.slug));
  const languages = (path: string) => ({
    languages: Object.fromEntries(routing.locales.map((l) => [l, absolute(l === routing.defaultLocale ? path : pathInLocale(path, l))])),
  });
  return sorted.flatMap((campaign) => [
    { url: absolute(`/c/${campaign.slug}`), changeFrequency: "daily" as const, priority: campaign.isDefault ? 1 : 0.8, alternates: languages(`/c/${campaign.slug}`) },
    { url: absolute(privacyPath(campaign)), changeFrequency: "monthly" as const, priority: 0.3, alternates: languages(privacyPath(campaign)) },
  ]);
}
