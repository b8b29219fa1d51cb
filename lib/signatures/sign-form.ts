import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { findCampaign } from "@/lib/campaigns/campaigns";
import type { Locale } from "@/lib/i18n/routing";
import { allowSignAttempt } from "@/lib/security/rate-limit";
import { signCampaign } from "@/lib/signatures/sign";
import { validateSignature, valuesFromForm } from "@/lib/signatures/schema";
import { HONEYPOT_FIELD, PARTNER_CONSENT_FIELD, type SignFormState } from "@/lib/signatures/sign-form-state";
import { env } from "@/lib/env";
import { attributionFields, signingAttribution } from "@/lib/sharing/attribution";

// The sign form's server side, kept out of the Server Action so the action stays a thin adapter.

export type SignFormResult = { redirectTo: string } | { state: SignFormState };

export type SignRequest = {
  locale: Locale;
  clientKey: string;
  attempt: number;
  /** the page the form was posted from */
  referer?: string | null;
  /** the Host the request was sent to */
  host?: string | null;
  /** the landing cookie's referring site (lib/sharing/landing-cookie.ts) */
  landingHost?: string;
};

export async function submitSignForm(form: FormData, context: SignRequest): Promise<SignFormResult> {
  const slug = String(form.get("campaign") ?? "");
  const ownHosts = [new URL(env().APP_URL).host, ...(context.host ? [context.host] : [])];
  const attribution = signingAttribution(form, { referer: context.referer ?? null, landingHost: context.landingHost, ownHosts });
  // The embed keeps its thank-you inside the partner's iframe.
  const checkEmail = attribution.embed ? `/embed/${slug}/check-email` : `/c/${slug}/check-email`;
  const partnerConsents = form.getAll(PARTNER_CONSENT_FIELD).filter((v): v is string => typeof v === "string").slice(0, 50);
  const values = { ...valuesFromForm(form), partnerConsents };
  const attempt = context.attempt + 1;
  const hiddenFields = attributionFields(attribution);
  const campaign = await findCampaign(slug);
  if (!campaign) return { state: { status: "closed", values, attempt, hiddenFields } };

  // Bots that fill every field get the same answer as people, and nothing is stored.
  const honeypot = form.get(HONEYPOT_FIELD);
  if (typeof honeypot === "string" && honeypot.trim() !== "") return { redirectTo: checkEmail };

  if (!(await allowSignAttempt(context.clientKey))) return { state: { status: "rate-limited", values, attempt, hiddenFields } };

  const validation = validateSignature(values);
  if (!validation.ok) return { state: { status: "invalid", errors: validation.errors, values, attempt, hiddenFields } };

  try {
    const outcome = await signCampaign(campaign, validation.data, context.locale, new Date(), { attribution, partnerConsents, clientKey: context.clientKey });
    if (outcome.status === "closed") return { state: { status: "closed", values, attempt, hiddenFields } };
  } catch (error) {
    // The database cannot be reached: the caller answers 503 (lib/http/unavailable.ts).
    if (isDatabaseUnavailable(error)) throw error;
    console.error("[sign] could not record a signature:", error);
    return { state: { status: "unavailable", values, attempt, hiddenFields } };
  }
  return { redirectTo: checkEmail };
}
