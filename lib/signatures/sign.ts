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

export const CONFIRMATION_VALID_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * What happened, for logs and tests only: the supporter sees the same "check your inbox" page for
 * every accepted outcome, so that nobody can learn whether an address has signed.
 */
export type SignOutcome =
  | { status: "closed" }
  | { status: "accepted"; detail: "new" | "resent" | "already-confirmed" | "mail-capped" };

/** The exact sentence shown next to the campaign-updates checkbox, stored with the consent. */
export function campaignConsentWording(locale: Locale): string {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "SignForm" })("optInCampaign");
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

/** Creates a fresh confirmation token and queues its email (signing, repeats, and an admin's resend). */
export async function queueConfirmation(
  tx: Prisma.TransactionClient,
  signature: { id: string; email: string; fullName: string; locale: string },
  campaign: CampaignView,
  now: Date,
): Promise<void> {
  const token = generateToken();
  await tx.confirmationToken.create({
    data: { signatureId: signature.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + CONFIRMATION_VALID_DAYS * DAY_MS) },
  });
  const locale = signature.locale as Locale;
  const mail = confirmationEmail({
    locale,
    name: signature.fullName,
    campaignTitle: campaign.title,
    confirmUrl: absoluteUrl(`/confirm/${token}`, locale),
    validDays: CONFIRMATION_VALID_DAYS,
  });
  await enqueueMail(tx, { ...mail, kind: "signature.confirm", to: signature.email });
}

async function signOnce(campaign: CampaignView, input: SignatureInput, locale: Locale, now: Date): Promise<SignOutcome> {
  const emailNormalized = normalizeEmail(input.email);
  return db().$transaction(async (tx) => {
    const existing = await tx.signature.findUnique({
      where: { campaignId_emailNormalized: { campaignId: campaign.id, emailNormalized } },
    });
    if (!existing) {
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
        },
      });
      if (input.optInCampaign) {
        await tx.consent.create({
          data: { signatureId: signature.id, scope: "campaign", wording: campaignConsentWording(locale), locale, givenAt: now },
        });
      }
      await queueConfirmation(tx, signature, campaign, now);
      return { status: "accepted", detail: "new" } as const;
    }

    // A repeat: mail goes to the address first given, never to the one just typed, and at most
    // RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR times an hour so the form cannot flood an inbox.
    const recent = await mailsQueuedSince(tx, existing.email, new Date(now.getTime() - HOUR_MS));
    if (recent >= env().RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR) return { status: "accepted", detail: "mail-capped" } as const;
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
): Promise<SignOutcome> {
  if (campaignState(campaign, now) !== "open") return { status: "closed" };
  try {
    return await signOnce(campaign, input, locale, now);
  } catch (error) {
    // Two requests for the same address raced: the loser is a repeat of the winner.
    if (isUniqueViolation(error)) return signOnce(campaign, input, locale, now);
    throw error;
  }
}
