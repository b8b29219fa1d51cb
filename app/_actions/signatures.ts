"use server";

import { headers } from "next/headers";
import { redirect as plainRedirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { redirect } from "@/lib/i18n/navigation";
import { isLocale, routing } from "@/lib/i18n/routing";
import { allowConfirmAttempt } from "@/lib/security/rate-limit";
import { clientKey } from "@/lib/security/client";
import { confirmSignature } from "@/lib/signatures/confirm";
import { submitSignForm } from "@/lib/signatures/sign-form";
import type { SignFormState } from "@/lib/signatures/sign-form-state";

async function requestLocale() {
  const locale = await getLocale();
  return isLocale(locale) ? locale : routing.defaultLocale;
}

export async function signAction(previous: SignFormState, form: FormData): Promise<SignFormState> {
  const locale = await requestLocale();
  const result = await submitSignForm(form, { locale, clientKey: clientKey(await headers()), attempt: previous.attempt });
  // Embed pages live outside the locale routing (app/embed), so their path takes no locale prefix.
  if ("redirectTo" in result && result.redirectTo.startsWith("/embed/")) plainRedirect(result.redirectTo);
  if ("redirectTo" in result) redirect({ href: result.redirectTo, locale });
  return "state" in result ? result.state : previous;
}

export type ConfirmFormState = { status: "idle" | "rate-limited" };

/** Confirms, then redirects to the link's page (post/redirect/get), which shows the outcome. */
export async function confirmAction(_previous: ConfirmFormState, form: FormData): Promise<ConfirmFormState> {
  if (!(await allowConfirmAttempt(clientKey(await headers())))) return { status: "rate-limited" };
  const token = String(form.get("token") ?? "");
  const { result } = await confirmSignature(token);
  const locale = await requestLocale();
  const query = result === "confirmed" ? "?confirmed=1" : "";
  redirect({ href: `/confirm/${encodeURIComponent(token)}${query}`, locale });
  return { status: "idle" };
}
