import { findCampaign } from "@/lib/campaigns/campaigns";
import type { Locale } from "@/lib/i18n/routing";
import { wakeMailDispatcher } from "@/lib/mail/dispatcher";
import { allowSignAttempt } from "@/lib/security/rate-limit";
import { signCampaign } from "@/lib/signatures/sign";
import { validateSignature, valuesFromForm } from "@/lib/signatures/schema";
import { HONEYPOT_FIELD, type SignFormState } from "@/lib/signatures/sign-form-state";

// The sign form's server side, kept out of the Server Action so the action stays a thin adapter.

export type SignFormResult = { redirectTo: string } | { state: SignFormState };

export async function submitSignForm(
  form: FormData,
  context: { locale: Locale; clientKey: string; attempt: number },
): Promise<SignFormResult> {
  const slug = String(form.get("campaign") ?? "");
  const checkEmail = `/c/${slug}/check-email`;
  const values = valuesFromForm(form);
  const attempt = context.attempt + 1;
  const campaign = await findCampaign(slug);
  if (!campaign) return { state: { status: "closed", values, attempt } };

  // Bots that fill every field get the same answer as people, and nothing is stored.
  const honeypot = form.get(HONEYPOT_FIELD);
  if (typeof honeypot === "string" && honeypot.trim() !== "") return { redirectTo: checkEmail };

  if (!(await allowSignAttempt(context.clientKey))) return { state: { status: "rate-limited", values, attempt } };

  const validation = validateSignature(values);
  if (!validation.ok) return { state: { status: "invalid", errors: validation.errors, values, attempt } };

  try {
    const outcome = await signCampaign(campaign, validation.data, context.locale);
    if (outcome.status === "closed") return { state: { status: "closed", values, attempt } };
  } catch (error) {
    console.error("[sign] could not record a signature:", error);
    return { state: { status: "unavailable", values, attempt } };
  }
  wakeMailDispatcher();
  return { redirectTo: checkEmail };
}
