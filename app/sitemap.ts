import type { MetadataRoute } from "next";
import { allCampaignsById } from "@/lib/campaigns/campaigns";
import { sitemapEntries } from "@/lib/http/robots";
import { absoluteUrl } from "@/lib/i18n/urls";

// /sitemap.xml: every campaign page and its privacy notice (lib/http/robots.ts). Rendered per
// request (APP_URL is read at run time, and there is no database at build time) from the campaigns
// kept in memory (lib/campaigns/campaigns.ts). docs/decisions/056-privacy-notice-and-sender.md
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return sitemapEntries((await allCampaignsById()).values(), (path) => absoluteUrl(path));
}
