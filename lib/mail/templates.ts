import { createTranslator } from "next-intl";
import { messagesFor } from "@/lib/i18n/messages";
import { textDirection, type Locale } from "@/lib/i18n/routing";
import { escapeHtml } from "@/lib/mail/html";
import type { CampaignSender } from "@/lib/mail/sender";

// Each email is rendered once into a plain-text part and an HTML part from the same strings. Every
// email ends with its sign-off and a link to the privacy notice (ADR 056).

export type RenderedEmail = {
  subject: string;
  text: string;
  html: string;
  /** the From display name (the campaign's senderName); unset: MAIL_FROM's own (lib/mail/sender.ts) */
  fromName?: string;
};

// One translator per locale and namespace: a translator keeps the messages it has parsed, and
// emails are rendered on the signing path.
function createEmailTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "Email" });
}

const translators = new Map<string, ReturnType<typeof createEmailTranslator>>();

function translator(locale: Locale) {
  let t = translators.get(locale);
  if (!t) {
    t = createEmailTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

function htmlDocument(locale: Locale, paragraphs: string[]): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${p}</p>`).join("\n");
  return `<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">
<div dir="${textDirection(locale)}" lang="${locale}" style="max-width:560px;margin:0 auto">
${body}
</div>
</body></html>`;
}

function button(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 20px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">${escapeHtml(label)}</a>`;
}

// Emails are rendered on the signing path, many a second on a busy day: each sentence is formatted
// once per locale and campaign and kept; only the greeting takes the supporter's name.
const sentences = new Map<string, string>();
const NAME = "\uE000";

function sentence(locale: Locale, key: string, build: () => string): string {
  const cacheKey = `${locale}\u0001${key}`;
  let text = sentences.get(cacheKey);
  if (text === undefined) {
    text = build();
    sentences.set(cacheKey, text);
  }
  return text;
}

/** "Hello <name>,": the translated greeting around the name, which is inserted as it is. */
function greeting(locale: Locale, name: string): string {
  const [before, after = ""] = sentence(locale, "greeting", () => translator(locale)("confirmGreeting", { name: NAME })).split(NAME);
  return `${before}${name}${after}`;
}

/** The closing lines of a signer's email: the sign-off with the campaign's sender name, and the privacy link. */
function closing(locale: Locale, sender: CampaignSender): { text: string[]; html: string[] } {
  const t = translator(locale);
  const name = sender.name.trim();
  const signoff = sentence(locale, `signoff:${name}`, () => t("signoff", { sender: name || t("defaultSender") }));
  return { text: [`— ${signoff}`, ...privacyText(locale, sender.privacyUrl)], html: [`— ${escapeHtml(signoff)}`, ...privacyHtml(locale, sender.privacyUrl)] };
}

function privacyLine(locale: Locale): string {
  return sentence(locale, "privacyLine", () => translator(locale)("privacyLine"));
}

function privacyText(locale: Locale, url: string): string[] {
  return [`${privacyLine(locale)}\n${url}`];
}

function privacyHtml(locale: Locale, url: string): string[] {
  return [
    `<span style="font-size:14px;color:#4a4a4a">${escapeHtml(privacyLine(locale))}<br><a href="${escapeHtml(url)}" style="color:#0b5394;word-break:break-all">${escapeHtml(url)}</a></span>`,
  ];
}

function referralsIntro(locale: Locale): string {
  return sentence(locale, "referrals", () => createTranslator({ locale, messages: messagesFor(locale), namespace: "Referrals" })("emailIntro"));
}

export function confirmationEmail(args: {
  locale: Locale;
  name: string;
  campaignTitle: string;
  confirmUrl: string;
  /** the signer's private page counting the people who signed through their link */
  statsUrl?: string;
  /** the signer's link to withdraw their signature (ADR 053) */
  withdrawUrl?: string;
  validDays: number;
  /** the campaign's sender name and privacy notice (lib/mail/sender.ts campaignSender) */
  sender: CampaignSender;
}): RenderedEmail {
  const { locale, campaignTitle: title } = args;
  const t = translator(locale);
  const subject = sentence(locale, `confirmSubject:${title}`, () => t("confirmSubject", { title }));
  const hello = greeting(locale, args.name);
  const body = sentence(locale, `confirmBody:${title}`, () => t("confirmBody", { title }));
  const expiry = sentence(locale, `confirmExpiry:${args.validDays}`, () => t("confirmExpiry", { days: args.validDays }));
  const ignore = sentence(locale, "confirmIgnore", () => t("confirmIgnore"));
  const end = closing(locale, args.sender);
  const buttonLabel = sentence(locale, "confirmButton", () => t("confirmButton"));
  const stats = args.statsUrl ? referralsIntro(locale) : null;
  const text =
    [hello, body, args.confirmUrl, expiry, ...(stats ? [`${stats}\n${args.statsUrl}`] : []), ignore, ...withdrawText(locale, args.withdrawUrl), ...end.text].join("\n\n") + "\n";
  const html = htmlDocument(locale, [
    escapeHtml(hello),
    escapeHtml(body),
    button(args.confirmUrl, buttonLabel),
    `<a href="${escapeHtml(args.confirmUrl)}" style="color:#0b5394;word-break:break-all">${escapeHtml(args.confirmUrl)}</a>`,
    escapeHtml(expiry),
    ...(stats && args.statsUrl
      ? [`${escapeHtml(stats)}<br><a href="${escapeHtml(args.statsUrl)}" style="color:#0b5394;word-break:break-all">${escapeHtml(args.statsUrl)}</a>`]
      : []),
    escapeHtml(ignore),
    ...withdrawHtml(locale, args.withdrawUrl),
    ...end.html,
  ]);
  return { subject, text, html, ...fromName(args.sender) };
}

function fromName(sender: CampaignSender): { fromName?: string } {
  const name = sender.name.trim();
  return name ? { fromName: name } : {};
}

/** The withdrawal line every email to a signer ends with (ADR 053). */
function withdrawLine(locale: Locale): string {
  return sentence(locale, "withdrawLine", () => translator(locale)("withdrawLine"));
}

function withdrawText(locale: Locale, url: string | undefined): string[] {
  return url ? [`${withdrawLine(locale)}\n${url}`] : [];
}

function withdrawHtml(locale: Locale, url: string | undefined): string[] {
  return url ? [`${escapeHtml(withdrawLine(locale))}<br><a href="${escapeHtml(url)}" style="color:#0b5394;word-break:break-all">${escapeHtml(url)}</a>`] : [];
}

export function alreadySignedEmail(args: {
  locale: Locale;
  name: string;
  campaignTitle: string;
  campaignUrl: string;
  /** the signer's link to withdraw their signature (ADR 053) */
  withdrawUrl?: string;
  /** the campaign's sender name and privacy notice (lib/mail/sender.ts campaignSender) */
  sender: CampaignSender;
}): RenderedEmail {
  const t = translator(args.locale);
  const subject = t("alreadySubject", { title: args.campaignTitle });
  const hello = greeting(args.locale, args.name);
  const body = t("alreadyBody", { title: args.campaignTitle });
  const share = t("alreadyShare");
  const end = closing(args.locale, args.sender);
  const text = [hello, body, `${share}\n${args.campaignUrl}`, ...withdrawText(args.locale, args.withdrawUrl), ...end.text].join("\n\n") + "\n";
  const html = htmlDocument(args.locale, [
    escapeHtml(hello),
    escapeHtml(body),
    `${escapeHtml(share)}<br><a href="${escapeHtml(args.campaignUrl)}" style="color:#0b5394">${escapeHtml(args.campaignUrl)}</a>`,
    ...withdrawHtml(args.locale, args.withdrawUrl),
    ...end.html,
  ]);
  return { subject, text, html, ...fromName(args.sender) };
}

function adminTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "AdminEmail" });
}

/** The one-time link that signs an admin in. */
export function adminSignInEmail(args: { locale: Locale; signInUrl: string; validMinutes: number; privacyUrl: string }): RenderedEmail {
  const t = adminTranslator(args.locale);
  const subject = t("signInSubject");
  const body = t("signInBody");
  const expiry = t("signInExpiry", { minutes: args.validMinutes });
  const ignore = t("signInIgnore");
  const signoff = t("signoff");
  const text = [body, args.signInUrl, expiry, ignore, `— ${signoff}`, ...privacyText(args.locale, args.privacyUrl)].join("\n\n") + "\n";
  const html = htmlDocument(args.locale, [
    escapeHtml(body),
    button(args.signInUrl, t("signInButton")),
    `<a href="${escapeHtml(args.signInUrl)}" style="color:#0b5394;word-break:break-all">${escapeHtml(args.signInUrl)}</a>`,
    escapeHtml(expiry),
    escapeHtml(ignore),
    `— ${escapeHtml(signoff)}`,
    ...privacyHtml(args.locale, args.privacyUrl),
  ]);
  return { subject, text, html };
}

/** Tells a partner admin they may now sign in; carries no secret (the sign-in link is requested). */
export function adminInviteEmail(args: { locale: Locale; partnerName: string; signInPageUrl: string; privacyUrl: string }): RenderedEmail {
  const t = adminTranslator(args.locale);
  const subject = t("inviteSubject", { partner: args.partnerName });
  const body = t("inviteBody", { partner: args.partnerName });
  const how = t("inviteHow");
  const signoff = t("signoff");
  const text = [body, `${how}\n${args.signInPageUrl}`, `— ${signoff}`, ...privacyText(args.locale, args.privacyUrl)].join("\n\n") + "\n";
  const html = htmlDocument(args.locale, [
    escapeHtml(body),
    `${escapeHtml(how)}<br><a href="${escapeHtml(args.signInPageUrl)}" style="color:#0b5394">${escapeHtml(args.signInPageUrl)}</a>`,
    `— ${escapeHtml(signoff)}`,
    ...privacyHtml(args.locale, args.privacyUrl),
  ]);
  return { subject, text, html };
}
