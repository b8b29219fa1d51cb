// Campaign shapes and rules that need no database: shared by lib/ and components/.

export type PartnerView = { id: string; slug: string; name: string; shortName: string; url: string };

/** Where a campaign's copy in a locale comes from: its original, or a translation of it (ADR 059). */
export type CopyOrigin = {
  /** the locale of the copy in this view (the campaign's original when it has no translation in the locale asked for) */
  locale: string;
  /** the campaign's original locale: its text there is the authoritative one */
  originalLocale: string;
  /** set when the copy is a translation: from which locale, and who reviewed it (null: nobody yet) */
  translation: { of: string; reviewed: string | null } | null;
  /** every locale the campaign's copy exists in, the original first */
  locales: string[];
  /** the campaign's title in each of those locales: for emails, which speak the signer's locale */
  titles: Record<string, string>;
};

/** The campaign's title in a locale: its translation's, else the original's. */
export function titleIn(campaign: Pick<CampaignView, "title" | "titles" | "originalLocale">, locale: string): string {
  return campaign.titles[locale] ?? campaign.titles[campaign.originalLocale] ?? campaign.title;
}

export type CampaignView = CopyOrigin & {
  id: string;
  slug: string;
  isDefault: boolean;
  title: string;
  summary: string;
  target: string;
  callToAction: string;
  demandsIntro: string;
  demands: string[];
  context: string[];
  letterBody: string;
  /** the display name of the emails' From and their sign-off, e.g. "The Xinjiang letter coalition" */
  senderName: string;
  /** the organisation responsible for supporters' data */
  controller: string;
  /** where supporters write about their data, or to have it erased */
  privacyContact: string;
  /** Markdown with {placeholders} (lib/campaigns/privacy-notice.ts) */
  privacyNotice: string;
  /** the joint letter's date, YYYY-MM-DD, or null (ADR 057) */
  letterDate: string | null;
  /** where the letter was published, or null when unknown: the trust band then shows no link */
  letterUrl: string | null;
  goal: number;
  opensAt: Date | null;
  closesAt: Date | null;
  /** as configured; see campaignState() for what applies now */
  status: "open" | "closed";
  partners: PartnerView[];
};

export type CampaignState = "open" | "closed" | "not-yet-open";

export function campaignState(campaign: Pick<CampaignView, "status" | "opensAt" | "closesAt">, now = new Date()): CampaignState {
  if (campaign.status === "closed") return "closed";
  if (campaign.closesAt && now >= campaign.closesAt) return "closed";
  if (campaign.opensAt && now < campaign.opensAt) return "not-yet-open";
  return "open";
}

/**
 * The path of a campaign's privacy notice (without the locale prefix): /privacy for the default
 * campaign, the one the site's footer links to; /c/<slug>/privacy for every campaign.
 */
export function privacyPath(campaign: Pick<CampaignView, "slug" | "isDefault">): string {
  return campaign.isDefault ? "/privacy" : `/c/${campaign.slug}/privacy`;
}
