import { createTranslator } from "next-intl";
import { campaignState, titleIn, type CampaignView } from "@/lib/campaigns/campaigns";
import { newId } from "@/lib/db/ids";
import { type ExistingSignature, type NewConsent, type SigningStore, writeSigning } from "@/lib/db/signing";
import { env } from "@/lib/env";
import { messagesFor } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/routing";
import { absoluteUrl } from "@/lib/i18n/urls";
import { campaignSender } from "@/lib/mail/sender";
import { alreadySignedEmail, confirmationEmail } from "@/lib/mail/templates";
import { enqueue } from "@/lib/outbox/message";
import { generateToken, hashToken } from "@/lib/security/tokens";
import { hashedClientKey } from "@/lib/security/rate-limit";
import { emailDomainOf, mailCapKey, normalizeEmail } from "@/lib/signatures/email";
import { newWithdrawalUrl } from "@/lib/signatures/withdraw";
import type { SignatureInput } from "@/lib/signatures/schema";
import { signatureSource, type Attribution } from "@/lib/sharing/attribution";
import { isWellFormedReferralCode } from "@/lib/sharing/referral-code";

export const CONFIRMATION_VALID_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * What happened, for logs and tests only: the supporter sees the same "check your inbox" page for
 * every accepted outcome, so that nobody can learn whether an address has signed.
 */
export type SignOutcome =
  | { status: "closed" }
  | { status: "accepted"; detail: "new" | "resent" | "renewed" | "already-confirmed" | "mail-capped" | "refused" | "suspect" };

// Consent sentences are looked up on every signing: each is built once per locale (and partner).
const wordings = new Map<string, string>();

function memo(key: string, build: () => string): string {
  let value = wordings.get(key);
  if (value === undefined) {
    value = build();
    wordings.set(key, value);
  }
  return value;
}

/** The exact sentence shown next to the campaign-updates checkbox, stored with the consent. */
export function campaignConsentWording(locale: Locale): string {
  return memo(`campaign:${locale}`, () => createTranslator({ locale, messages: messagesFor(locale), namespace: "SignForm" })("optInCampaign"));
}

/** The exact sentence shown next to a partner's checkbox, stored with that consent. */
export function partnerConsentWording(locale: Locale, partnerName: string): string {
  return memo(`partner:${locale}:${partnerName}`, () =>
    createTranslator({ locale, messages: messagesFor(locale), namespace: "PartnerConsent" })("label", { partner: partnerName }),
  );
}

/** What came with the form besides the supporter's own fields. */
export type SignExtras = {
  attribution?: Attribution;
  /** slugs of the partners whose "Keep me informed by" box was ticked */
  partnerConsents?: string[];
  /** the client's address as clientKey(headers) gives it (lib/security/client.ts); only a keyed hash is stored */
  clientKey?: string;
};

/** What burst detection needs of a new signing, worked out before the transaction opens (ADR 052). */
type BurstKeys = { clientHash: string | null; emailDomain: string };

/**
 * The keyed hash stored for burst detection: HMAC with the day's rate-limit secret (deleted after
 * two days), under its own prefix so that it differs from the rate-limit keys of the same client.
 */
export async function burstClientHash(clientKey: string, now: Date): Promise<string> {
  return hashedClientKey(`burst:${clientKey}`, now);
}

/** The per-campaign thresholds past which a new signature is stored as suspect; 0 means no threshold. */
function burstLimits(emailDomain: string): { perClient: number; perDomain: number } {
  const e = env();
  const webmail = e.SUSPECT_WEBMAIL_DOMAINS.includes(emailDomain);
  return { perClient: e.SUSPECT_PER_CLIENT, perDomain: webmail ? e.SUSPECT_PER_WEBMAIL_DOMAIN : e.SUSPECT_PER_DOMAIN };
}

function isUniqueViolation(error: unknown): boolean {
  // another process inserted the same address between our read and our write
  return (error as { code?: string })?.code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** Creates a fresh confirmation token and queues its email (signing, repeats, and an admin's resend). */
export async function queueConfirmation(
  store: SigningStore,
  signature: { id: string; email: string; fullName: string; locale: string },
  campaign: CampaignView,
  now: Date,
  /** the private page's token when the caller already stored its hash (a new signature) */
  statsToken?: string,
): Promise<void> {
  const token = generateToken();
  await store.insertConfirmationToken({
    signatureId: signature.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + CONFIRMATION_VALID_DAYS * DAY_MS),
    createdAt: now,
  });
  // The private referral page's token: only its hash is kept, so only the first email carries it.
  // A repeat signing never replaces it (anyone who knows the address can sign again): a new link is
  // made only from the private page itself (lib/sharing/referral-stats.ts, ADR 053).
  const locale = signature.locale as Locale;
  const mail = confirmationEmail({
    locale,
    name: signature.fullName,
    campaignTitle: titleIn(campaign, locale),
    confirmUrl: absoluteUrl(`/confirm/${token}`, locale),
    statsUrl: statsToken ? absoluteUrl(`/referrals/${statsToken}`, locale) : undefined,
    withdrawUrl: await newWithdrawalUrl(store, signature.id, locale, now),
    validDays: CONFIRMATION_VALID_DAYS,
    sender: campaignSender(campaign, locale),
  });
  await enqueue(store, { channel: "email", kind: "signature.confirm", to: signature.email, ...mail }, now);
}

/** The attribution columns of a new signature; a ref code names a referrer only if it is a confirmed signer of this campaign. */
async function attributionColumns(store: SigningStore, campaign: CampaignView, attribution: Attribution) {
  const referredById =
    attribution.refCode && isWellFormedReferralCode(attribution.refCode) ? await store.confirmedSignerByReferralCode(campaign.id, attribution.refCode) : null;
  const partner = attribution.partner ? campaign.partners.find((p) => p.slug === attribution.partner) : undefined;
  const hasUtm = Boolean(attribution.utmSource || attribution.utmMedium || attribution.utmCampaign || attribution.utmTerm || attribution.utmContent);
  return {
    source: signatureSource({ embed: Boolean(attribution.embed), knownReferrer: Boolean(referredById), hasUtm }),
    refCode: attribution.refCode ?? null,
    referredById,
    partnerId: partner?.id ?? null,
    utmSource: attribution.utmSource ?? null,
    utmMedium: attribution.utmMedium ?? null,
    utmCampaign: attribution.utmCampaign ?? null,
    utmTerm: attribution.utmTerm ?? null,
    utmContent: attribution.utmContent ?? null,
    referrerHost: attribution.referrerHost ?? null,
  };
}

/** The consents ticked on the form, each with the sentence exactly as shown. */
function consentRows(signatureId: string, campaign: CampaignView, input: SignatureInput, extras: SignExtras, locale: Locale, now: Date): NewConsent[] {
  const rows: NewConsent[] = [];
  if (input.optInCampaign) rows.push({ signatureId, scope: "campaign", wording: campaignConsentWording(locale), locale, givenAt: now });
  const ticked = new Set(extras.partnerConsents ?? []);
  for (const partner of campaign.partners.filter((p) => ticked.has(p.slug))) {
    rows.push({ signatureId, scope: `partner:${partner.slug}`, wording: partnerConsentWording(locale, partner.name), locale, givenAt: now });
  }
  return rows;
}

/** A repeat: mail goes to the address first given, never to the one just typed, and at most RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR times an hour. */
async function signAgain(
  store: SigningStore,
  existing: ExistingSignature,
  campaign: CampaignView,
  input: SignatureInput,
  locale: Locale,
  now: Date,
  extras: SignExtras,
): Promise<SignOutcome> {
  // Held as part of a burst until an owner releases it: the same answer, and nothing is sent.
  if (existing.status === "suspect") return { status: "accepted", detail: "suspect" };
  const recent = await store.mailsQueuedSince(mailCapKey(existing.email), new Date(now.getTime() - HOUR_MS));
  if (recent >= env().RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR) return { status: "accepted", detail: "mail-capped" };
  // Removed as spam: the same answer, and nothing is sent.
  if (existing.status === "invalidated") return { status: "accepted", detail: "refused" };
  if (existing.status === "withdrawn") {
    // Withdrawn at the signer's request, now signed again: a new intent, confirmed like a first one.
    const renewed = { fullName: input.fullName, country: input.country, comment: input.comment ?? null, showName: input.showName, optInCampaign: input.optInCampaign, locale };
    await store.renewSignature(existing.id, renewed, now);
    // Links from before the withdrawal must not confirm the new intent.
    await store.deleteConfirmationTokens(existing.id);
    await store.insertConsents(consentRows(existing.id, campaign, input, extras, locale, now));
    await queueConfirmation(store, { ...existing, fullName: input.fullName, locale }, campaign, now);
    return { status: "accepted", detail: "renewed" };
  }
  if (existing.status === "confirmed") {
    const mail = alreadySignedEmail({
      locale: existing.locale as Locale,
      name: existing.fullName,
      campaignTitle: titleIn(campaign, existing.locale),
      campaignUrl: absoluteUrl(`/c/${campaign.slug}`, existing.locale),
      withdrawUrl: await newWithdrawalUrl(store, existing.id, existing.locale, now),
      sender: campaignSender(campaign, existing.locale),
    });
    await enqueue(store, { channel: "email", kind: "signature.already-signed", to: existing.email, ...mail }, now);
    return { status: "accepted", detail: "already-confirmed" };
  }
  await queueConfirmation(store, existing, campaign, now);
  return { status: "accepted", detail: "resent" };
}

async function recordSigning(
  store: SigningStore,
  campaign: CampaignView,
  input: SignatureInput,
  locale: Locale,
  now: Date,
  extras: SignExtras,
  burst: BurstKeys,
): Promise<SignOutcome> {
  const emailNormalized = normalizeEmail(input.email);
  const existing = await store.signatureByEmail(campaign.id, emailNormalized);
  if (existing) return signAgain(store, existing, campaign, input, locale, now, extras);

  // One read for a new signing: mail queued to this inbox in the hour, and this campaign's recent
  // signatures from the same client and the same domain (counted up to the thresholds only).
  const limits = burstLimits(burst.emailDomain);
  const capKey = mailCapKey(input.email);
  const recent = await store.signingCounts({
    campaignId: campaign.id,
    capKey,
    mailSince: new Date(now.getTime() - HOUR_MS),
    burstSince: new Date(now.getTime() - env().SUSPECT_WINDOW_MINUTES * 60 * 1000),
    clientHash: limits.perClient > 0 ? burst.clientHash : null,
    clientLimit: limits.perClient,
    emailDomain: limits.perDomain > 0 ? burst.emailDomain : null,
    domainLimit: limits.perDomain,
  });
  const suspect = (limits.perClient > 0 && recent.byClient >= limits.perClient) || (limits.perDomain > 0 && recent.byDomain >= limits.perDomain);

  const id = newId();
  const statsToken = generateToken();
  await store.insertSignature({
    id,
    campaignId: campaign.id,
    fullName: input.fullName,
    email: input.email,
    emailNormalized,
    country: input.country,
    comment: input.comment ?? null,
    showName: input.showName,
    optInCampaign: input.optInCampaign,
    locale,
    statsTokenHash: hashToken(statsToken),
    status: suspect ? "suspect" : "pending",
    clientHash: burst.clientHash,
    emailDomain: burst.emailDomain,
    createdAt: now,
    ...(await attributionColumns(store, campaign, extras.attribution ?? {})),
  });
  await store.insertConsents(consentRows(id, campaign, input, extras, locale, now));
  // A suspect gets its link when an owner releases it (lib/admin/suspects.ts), not now.
  if (suspect) return { status: "accepted", detail: "suspect" };
  // Past the inbox's hourly cap the signature is kept, and signing again later sends its link.
  if (recent.mails >= env().RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR) return { status: "accepted", detail: "mail-capped" };
  await queueConfirmation(store, { id, email: input.email, fullName: input.fullName, locale }, campaign, now, statsToken);
  return { status: "accepted", detail: "new" };
}

/** Records a pending signature (or answers a repeat) and queues its email, in one transaction. */
export async function signCampaign(
  campaign: CampaignView,
  input: SignatureInput,
  locale: Locale,
  now: Date = new Date(),
  extras: SignExtras = {},
): Promise<SignOutcome> {
  if (campaignState(campaign, now) !== "open") return { status: "closed" };
  // Hashed before the transaction opens: on PostgreSQL the day's secret may have to be read first.
  // No known address ("unknown"): no client is counted, rather than every such signer as one.
  const known = extras.clientKey && extras.clientKey !== "unknown" ? extras.clientKey : null;
  const burst: BurstKeys = { clientHash: known ? await burstClientHash(known, now) : null, emailDomain: emailDomainOf(input.email) };
  const record = () => writeSigning((store) => recordSigning(store, campaign, input, locale, now, extras, burst));
  let outcome: SignOutcome;
  try {
    outcome = await record();
  } catch (error) {
    // Two processes signed the same address at once: the loser is a repeat of the winner.
    if (!isUniqueViolation(error)) throw error;
    outcome = await record();
  }
  if (outcome.status === "accepted" && outcome.detail === "suspect") noteSuspect(campaign);
  return outcome;
}

const SUSPECT_LOG_EVERY_MS = 10 * 60 * 1000;
const suspectLogged = new Map<string, number>();

/**
 * Tells the operator, at most once per campaign every 10 minutes per process, that signatures are
 * being held: a proxy left out of TRUSTED_PROXY_HOPS makes every signer one client. No address,
 * hash or domain is logged.
 */
function noteSuspect(campaign: CampaignView): void {
  const last = suspectLogged.get(campaign.id) ?? 0;
  if (Date.now() - last < SUSPECT_LOG_EVERY_MS) return;
  suspectLogged.set(campaign.id, Date.now());
  console.warn(`[sign] signatures to "${campaign.slug}" are being held as suspect (a burst from one client or domain): review them on the admin dashboard`);
}
