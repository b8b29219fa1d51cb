"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { isDatabaseUnavailable } from "@/lib/http/unavailable";
import { isLocale, routing } from "@/lib/i18n/routing";
import { localePath } from "@/lib/i18n/urls";
import { clientKey } from "@/lib/security/client";
import { allowConfirmAttempt } from "@/lib/security/rate-limit";
import { renewReferralLink } from "@/lib/sharing/referral-stats";
import { withdrawBySigner } from "@/lib/signatures/withdraw";

// The buttons of the signer's own link pages (ADR 053): withdraw the signature, make a new private
// referral link. Plain form posts (they work without JavaScript) to Server Actions, which check
// the Origin; each is rate-limited per client like a confirmation, then redirects (post/redirect/get).

function formLocale(form: FormData) {
  const value = String(form.get("locale") ?? "");
  return isLocale(value) ? value : routing.defaultLocale;
}

async function orUnavailable<T>(work: () => Promise<T>, locale: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error(`[db] unavailable during a form post: ${(error as Error).message}`);
    redirect(localePath("/unavailable", locale));
  }
}

/** The withdrawal page's button: withdraws, then shows the outcome on the link's page. */
export async function withdrawAction(form: FormData): Promise<void> {
  const locale = formLocale(form);
  const token = String(form.get("token") ?? "");
  const page = `/withdraw/${encodeURIComponent(token)}`;
  if (!(await allowConfirmAttempt(clientKey(await headers())))) redirect(localePath(`${page}?error=rate-limited`, locale));
  const { result } = await orUnavailable(() => withdrawBySigner(token), locale);
  redirect(localePath(result === "withdrawn" ? `${page}?withdrawn=1` : page, locale));
}

/** The private referral page's button: a new link, the old one dead; the browser goes to the new one. */
export async function renewReferralLinkAction(form: FormData): Promise<void> {
  const locale = formLocale(form);
  const token = String(form.get("token") ?? "");
  if (!(await allowConfirmAttempt(clientKey(await headers())))) redirect(localePath(`/referrals/${encodeURIComponent(token)}?error=rate-limited`, locale));
  const fresh = await orUnavailable(() => renewReferralLink(token), locale);
  redirect(localePath(fresh ? `/referrals/${fresh}?renewed=1` : `/referrals/${encodeURIComponent(token)}`, locale));
}
