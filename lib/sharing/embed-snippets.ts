import { env } from "@/lib/env";
import { escapeHtml } from "@/lib/mail/html";

// The copy-paste HTML a coalition partner puts on its site: an iframe of /embed/<slug> that
// attributes signatures to the partner, and the script that sizes the iframe to its content.

export type EmbedSnippet = { partnerSlug: string; partnerName: string; iframeUrl: string; html: string };

export function embedUrl(campaignSlug: string, partnerSlug?: string): string {
  const url = new URL(`${env().APP_URL}/embed/${campaignSlug}`);
  if (partnerSlug) url.searchParams.set("partner", partnerSlug);
  return url.toString();
}

export function embedSnippet(campaign: { slug: string; title: string }, partner?: { slug: string; name: string }): string {
  const src = embedUrl(campaign.slug, partner?.slug);
  return [
    `<iframe src="${escapeHtml(src)}" title="${escapeHtml(campaign.title)}" data-speakout-embed`,
    `  style="width:100%;max-width:520px;border:0" height="720" loading="lazy"></iframe>`,
    `<script src="${escapeHtml(`${env().APP_URL}/embed.js`)}" async></script>`,
  ].join("\n");
}

/** One snippet per coalition partner, in the campaign's partner order. */
export function embedSnippets(
  campaign: { slug: string; title: string },
  partners: { slug: string; name: string }[],
): EmbedSnippet[] {
  return partners.map((partner) => ({
    partnerSlug: partner.slug,
    partnerName: partner.name,
    iframeUrl: embedUrl(campaign.slug, partner.slug),
    html: embedSnippet(campaign, partner),
  }));
}
