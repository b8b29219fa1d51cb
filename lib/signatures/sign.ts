import { createTranslator } from "next-intl";
import { campaignState, type CampaignView } from "@/lib/campaigns/campaigns";
import { db, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { messagesFor } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/routing";
import { absoluteUrl } from "@/lib/i18n/urls";
import { enqueueMail, mailsQueuedSince } from "@/lib/mail/outbox";
import { alreadySignedEmail, confirmationEmail } from "@/lib/mail/templates";
import { generateToken, hashToken } from "@/lib/security/tokens";
import { normalizeEmail } from "@/lib/signatures/email";
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
  | { status: "accepted"; detail: "new" | "resent" | "renewed" | "already-confirmed" | "mail-capped" | "refused" };

/** The exact sentence shown next to the campaign-updates checkbox, stored with the consent. */
export function campaignConsentWording(locale: Locale): string {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "SignForm" })("optInCampaign");
}

/** The exact sentence shown next to a partner's checkbox, stored with that consent. */
export function partnerConsentWording(locale: Locale, partnerName: string): string {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "PartnerConsent" })("label", { partner: partnerName });
}

/** What came with the form besides the supporter's own fields. */
export type SignExtras = {
  attribution?: Attribution;
  /** slugs of the partners whose "Keep me informed by" box was ticked */
  partnerConsents?: string[];
};

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

/** Creates a fresh confirmation token and queues its email (signing, repeats, and an admin's resend). */
export async function queueConfirmation(
  tx: Prisma.TransactionClient,
  signature: { id: string; email: string; fullName: string; locale: string },
  campaign: CampaignView,
  now: Date,
  /** the private page's token when the caller already stored its hash (a new signature) */
  statsToken?: string,
): Promise<void> {
  const token = generateToken();
  await tx.confirmationToken.create({
    data: { signatureId: signature.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + CONFIRMATION_VALID_DAYS * DAY_MS) },
  });
  // The private referral page's token: only its hash is kept, so each new email carries a fresh
  // one and the link in older emails stops working (see ADR 010).
  if (!statsToken) {
    statsToken = generateToken();
    await tx.signature.update({ where: { id: signature.id }, data: { statsTokenHash: hashToken(statsToken) } });
  }
  const locale = signature.locale as Locale;
  const mail = confirmationEmail({
    locale,
    name: signature.fullName,
    campaignTitle: campaign.title,
    confirmUrl: absoluteUrl(`/confirm/${token}`, locale),
    statsUrl: absoluteUrl(`/referrals/${statsToken}`, locale),
    validDays: CONFIRMATION_VALID_DAYS,
  });
  await enqueueMail(tx, { ...mail, kind: "signature.confirm", to: signature.email });
}

/** The attribution columns of a new signature; a ref code names a referrer only if it is a confirmed signer of this campaign. */
async function attributionData(tx: Prisma.TransactionClient, campaign: CampaignView, attribution: Attribution) {
  const referrer =
    attribution.refCode && isWellFormedReferralCode(attribution.refCode)
      ? await tx.signature.findFirst({
          where: { referralCode: attribution.refCode, campaignId: campaign.id, status: "confirmed" },
          select: { id: true },
        })
      : null;
  const partner = attribution.partner ? campaign.partners.find((p) => p.slug === attribution.partner) : undefined;
  const hasUtm = Boolean(attribution.utmSource || attribution.utmMedium || attribution.utmCampaign || attribution.utmTerm || attribution.utmContent);
  return {
    source: signatureSource({ embed: Boolean(attribution.embed), knownReferrer: Boolean(referrer), hasUtm }),
    refCode: attribution.refCode ?? null,
    referredById: referrer?.id ?? null,
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
async function recordConsents(
  tx: Prisma.TransactionClient,
  signatureId: string,
  campaign: CampaignView,
  input: SignatureInput,
  extras: SignExtras,
  locale: Locale,
  now: Date,
): Promise<void> {
  if (input.optInCampaign) {
    await tx.consent.create({
      data: { signatureId, scope: "campaign", wording: campaignConsentWording(locale), locale, givenAt: now },
    });
  }
  const ticked = new Set(extras.partnerConsents ?? []);
  for (const partner of campaign.partners.filter((p) => ticked.has(p.slug))) {
    await tx.consent.create({
      data: { signatureId, scope: `partner:${partner.slug}`, wording: partnerConsentWording(locale, partner.name), locale, givenAt: now },
    });
  }
}

async function signOnce(campaign: CampaignView, input: SignatureInput, locale: Locale, now: Date, extras: SignExtras): Promise<SignOutcome> {
  const emailNormalized = normalizeEmail(input.email);
  return db().$transaction(async (tx) => {
    const existing = await tx.signature.findUnique({
      where: { campaignId_emailNormalized: { campaignId: campaign.id, emailNormalized } },
    });
    if (!existing) {
      const statsToken = generateToken();
      const signature = await tx.signature.create({
        data: {
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
          ...(await attributionData(tx, campaign, extras.attribution ?? {})),
        },
      });
      await recordConsents(tx, signature.id, campaign, input, extras, locale, now);
      await queueConfirmation(tx, signature, campaign, now, statsToken);
      return { status: "accepted", detail: "new" } as const;
    }

    // A repeat: mail goes to the address first given, never to the one just typed, and at most
    // RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR times an hour so the form cannot flood an inbox.
    const recent = await mailsQueuedSince(tx, existing.email, new Date(now.getTime() - HOUR_MS));
    if (recent >= env().RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR) return { status: "accepted", detail: "mail-capped" } as const;
    // Removed as spam: the same answer, and nothing is sent.
    if (existing.status === "invalidated") return { status: "accepted", detail: "refused" } as const;
    if (existing.status === "withdrawn") {
      // Withdrawn at the signer's request, now signed again: a new intent, confirmed like a first one.
      const renewed = await tx.signature.update({
        where: { id: existing.id },
        data: {
          status: "pending",
          withdrawnAt: null,
          confirmedAt: null,
          fullName: input.fullName,
          country: input.country,
          comment: input.comment ?? null,
          showName: input.showName,
          optInCampaign: input.optInCampaign,
          locale,
        },
      });
      // Links from before the withdrawal must not confirm the new intent.
      await tx.confirmationToken.deleteMany({ where: { signatureId: existing.id } });
      await recordConsents(tx, existing.id, campaign, input, extras, locale, now);
      await queueConfirmation(tx, renewed, campaign, now);
      return { status: "accepted", detail: "renewed" } as const;
    }
    if (existing.status === "confirmed") {
      const mail = alreadySignedEmail({
        locale: existing.locale as Locale,
        name: existing.fullName,
        campaignTitle: campaign.title,
        campaignUrl: absoluteUrl(`/c/${campaign.slug}`, existing.locale),
      });
      await enqueueMail(tx, { ...mail, kind: "signature.already-signed", to: existing.email });
      return { status: "accepted", detail: "already-confirmed" } as const;
    }
    await queueConfirmation(tx, existing, campaign, now);
    return { status: "accepted", detail: "resent" } as const;
  });
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
  try {
    return await signOnce(campaign, input, locale, now, extras);
  } catch (error) {
    // Two requests for the same address raced: the loser is a repeat of the winner.
    if (isUniqueViolation(error)) return signOnce(campaign, input, locale, now, extras);
    throw error;
  }
}
