import type { CampaignView } from "@/lib/campaigns/model";
import { fillNotice, type NoticeValues } from "@/lib/campaigns/privacy-notice";
import { env } from "@/lib/env";
import { RATE_LIMIT_SECRET_KEEP_DAYS } from "@/lib/security/rate-limit";
import { CLIENT_HASH_KEEP_HOURS } from "@/lib/signatures/client-hash";
import { CONFIRMATION_VALID_DAYS } from "@/lib/signatures/sign";

// The values of a campaign's privacy notice (lib/campaigns/privacy-notice.ts): the names and the
// address from its content, and the periods from the configuration and the code that applies them,
// so that the notice cannot state a period the app does not keep. docs/decisions/056-privacy-notice-and-sender.md

export function noticeValues(campaign: CampaignView, locale: string): NoticeValues {
  const number = new Intl.NumberFormat(locale);
  return {
    controller: campaign.controller,
    contact: campaign.privacyContact,
    sender: campaign.senderName,
    campaign: campaign.title,
    partners: new Intl.ListFormat(locale, { type: "conjunction" }).format(campaign.partners.map((p) => p.name)),
    retentionMonths: number.format(env().RETENTION_MONTHS_AFTER_CLOSE),
    confirmationDays: number.format(CONFIRMATION_VALID_DAYS),
    clientHashHours: number.format(CLIENT_HASH_KEEP_HOURS),
    rateLimitKeyDays: number.format(RATE_LIMIT_SECRET_KEEP_DAYS),
  };
}

/** The campaign's privacy notice as Markdown, its placeholders filled. */
export function privacyNoticeMarkdown(campaign: CampaignView, locale: string): string {
  return fillNotice(campaign.privacyNotice, noticeValues(campaign, locale));
}
