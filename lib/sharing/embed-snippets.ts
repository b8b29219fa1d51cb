import { env } from "@/lib/env";
import { routing } from "@/lib/i18n/routing";
import { escapeHtml } from "@/lib/mail/html";

// The copy-paste HTML a coalition partner puts on its site: an iframe of /embed/<slug> that
// attributes signatures to the partner, and the script that sizes the iframe to its content. In
// a locale other than the default, the iframe is /<locale>/embed/<slug>.

export type EmbedSnippet = { partnerSlug: string; partnerName: string; iframeUrl: string; html: string };

export function embedUrl(campaignSlug: string, partnerSlug?: string, locale: string = routing.defaultLocale): string {
  const prefix = locale === routing.defaultLocale ? "" : `/${locale}`;
  const url = new URL(`${env().APP_URL}${prefix}/embed/${campaignSlug}`);
  if (partnerSlug) url.searchParams.set("partner", partnerSlug);
  return url.toString();
}

export function embedSnippet(campaign: { slug: string; title: string }, partner?: { slug: string; name: string }, locale: string = routing.defaultLocale): string {
  const src = embedUrl(campaign.slug, partner?.slug, locale);
  const lang = locale === routing.defaultLocale ? "" : ` lang="${escapeHtml(locale)}"`;
  return [
    `<iframe src="${escapeHtml(src)}" title="${escapeHtml(campaign.title)}"${lang} data-speakout-embed`,
    `  style="width:100%;max-width:520px;border:0" height="720" loading="lazy"></iframe>`,
    `<script src="${escapeHtml(`${env().APP_URL}/embed.js`)}" async></script>`,
  ].join("\n");
}

/** One snippet per coalition partner, in the campaign's partner order. */
export function embedSnippets(
  campaign: { slug: string; title: string },
  partners: { slug: string; name: string }[],
  locale: string = routing.defaultLocale,
): EmbedSnippet[] {
  return partners.map((partner) => ({
    partnerSlug: partner.slug,
    partnerName: partner.name,
    iframeUrl: embedUrl(campaign.slug, partner.slug, locale),
    html: embedSnippet(campaign, partner, locale),
  }));
}
