import { createTranslator } from "next-intl";
import { messagesFor } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/routing";
import { absoluteUrl } from "@/lib/i18n/urls";

// Share links are plain URLs (they work without JavaScript). Each carries utm_source=<channel> and
// utm_medium=share, and the signer's ?ref= code when there is one, so a signature made through it
// records who referred it and through which channel.

export const SHARE_CHANNELS = ["email", "whatsapp", "telegram", "x", "facebook", "bluesky", "linkedin"] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number] | "copy" | "webshare";

export type ShareLink = { channel: (typeof SHARE_CHANNELS)[number]; href: string };

export type ShareSet = {
  /** the link to copy (utm_source=copy) */
  copyUrl: string;
  links: ShareLink[];
  /** for navigator.share() */
  webShare: { title: string; text: string; url: string };
};

/** The campaign's public URL as shared through one channel. */
export function shareUrl(campaignSlug: string, locale: Locale, channel: ShareChannel, referralCode?: string | null): string {
  const url = new URL(absoluteUrl(`/c/${campaignSlug}`, locale));
  if (referralCode) url.searchParams.set("ref", referralCode);
  url.searchParams.set("utm_source", channel);
  url.searchParams.set("utm_medium", "share");
  return url.toString();
}

/** The share texts' keys in the Share catalog: after signing ("I signed"), or before (asking others). */
const SHARE_KEYS = {
  signed: { message: "message", shortMessage: "shortMessage", emailSubject: "emailSubject", emailBody: "emailBody" },
  invite: { message: "invite.message", shortMessage: "invite.shortMessage", emailSubject: "invite.emailSubject", emailBody: "invite.emailBody" },
} as const;

/**
 * The share links of a campaign. `signed`: the texts say "I signed" (after signing, where the links
 * carry the signer's referral code); otherwise they ask others to sign and claim nothing (the
 * campaign page, the check-email page: ADR 057). Defaults to whether a referral code is given.
 */
export function shareSet(campaign: { slug: string; title: string }, locale: Locale, referralCode?: string | null, signed = Boolean(referralCode)): ShareSet {
  const base = createTranslator({ locale, messages: messagesFor(locale), namespace: "Share" });
  const keys = signed ? SHARE_KEYS.signed : SHARE_KEYS.invite;
  const t = (key: keyof typeof SHARE_KEYS.signed, values: { title: string }) => base(keys[key], values);
  const text = t("message", { title: campaign.title });
  const url = (channel: ShareChannel) => shareUrl(campaign.slug, locale, channel, referralCode);
  const e = encodeURIComponent;
  const hrefs: Record<ShareLink["channel"], string> = {
    email: `mailto:?subject=${e(t("emailSubject", { title: campaign.title }))}&body=${e(`${t("emailBody", { title: campaign.title })}\n\n${url("email")}`)}`,
    whatsapp: `https://wa.me/?text=${e(`${text} ${url("whatsapp")}`)}`,
    telegram: `https://t.me/share/url?url=${e(url("telegram"))}&text=${e(text)}`,
    x: `https://x.com/intent/tweet?text=${e(t("shortMessage", { title: campaign.title }))}&url=${e(url("x"))}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${e(url("facebook"))}`,
    bluesky: `https://bsky.app/intent/compose?text=${e(`${text} ${url("bluesky")}`)}`,
    linkedin: `https://www.linkedin.com/sharing/share-offsite/?url=${e(url("linkedin"))}`,
  };
  return {
    copyUrl: url("copy"),
    links: SHARE_CHANNELS.map((channel) => ({ channel, href: hrefs[channel] })),
    webShare: { title: campaign.title, text, url: url("webshare") },
  };
}
