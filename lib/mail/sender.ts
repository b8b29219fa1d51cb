import { privacyPath, type CampaignView } from "@/lib/campaigns/model";
import { absoluteUrl } from "@/lib/i18n/urls";

// Who an email comes from (docs/decisions/056-privacy-notice-and-sender.md). MAIL_FROM is the
// operator's mailbox: its address is the envelope sender and the From address of every email, and
// its display name is the default. A campaign's emails carry the campaign's own name instead
// (campaign.json senderName), and end with that name and a link to the campaign's privacy notice.

/** What a campaign's email says about its sender: the From name, the sign-off and the privacy link. */
export type CampaignSender = { name: string; privacyUrl: string };

/** The sender of a campaign's emails to a signer in `locale`. */
export function campaignSender(campaign: Pick<CampaignView, "slug" | "isDefault" | "senderName">, locale: string): CampaignSender {
  return { name: campaign.senderName, privacyUrl: absoluteUrl(privacyPath(campaign), locale) };
}

/** The address of a MAIL_FROM value, `name@domain` or `"Name" <name@domain>`. */
export function mailFromAddress(mailFrom: string): string {
  const angle = /<\s*([^\s<>]+)\s*>\s*$/.exec(mailFrom);
  return (angle ? angle[1] : mailFrom).trim();
}

/** A From header as nodemailer takes it: the display name given (encoded by nodemailer), at MAIL_FROM's address. */
export type FromHeader = string | { name: string; address: string };

/** The From of one email: MAIL_FROM as it is, or with `name` as the display name. */
export function fromHeader(mailFrom: string, name: string | undefined): FromHeader {
  const display = name?.trim();
  return display ? { name: display, address: mailFromAddress(mailFrom) } : mailFrom;
}
