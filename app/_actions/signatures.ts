"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { localePath } from "@/lib/i18n/urls";
import { allowConfirmAttempt } from "@/lib/security/rate-limit";
import { clientKey } from "@/lib/security/client";
import { confirmSignature } from "@/lib/signatures/confirm";
import { submitSignForm } from "@/lib/signatures/sign-form";
import { formLocale } from "@/lib/signatures/sign-post";
import type { SignFormState } from "@/lib/signatures/sign-form-state";
import { LANDING_HOST_COOKIE } from "@/lib/sharing/landing-cookie";
import { isDatabaseUnavailable } from "@/lib/http/unavailable";

/** Runs `work`; when the database cannot be reached, sends the browser to the 503 page instead. */
async function orUnavailable<T>(work: () => Promise<T>, locale: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error(`[db] unavailable during a form post: ${(error as Error).message}`);
    redirect(localePath("/unavailable", locale));
  }
}


export async function signAction(previous: SignFormState, form: FormData): Promise<SignFormState> {
  const locale = formLocale(form);
  const requestHeaders = await headers();
  const landingHost = (await cookies()).get(LANDING_HOST_COOKIE)?.value;
  const result = await orUnavailable(
    () =>
      submitSignForm(form, {
        locale,
        clientKey: clientKey(requestHeaders),
        attempt: previous.attempt,
        referer: requestHeaders.get("referer"),
        host: requestHeaders.get("host"),
        landingHost,
      }),
    locale,
  );
  // Embed pages live outside the locale routing (app/embed), so their path takes no locale prefix.
  if ("redirectTo" in result) redirect(result.redirectTo.startsWith("/embed/") ? result.redirectTo : localePath(result.redirectTo, locale));
  return "state" in result ? result.state : previous;
}

export type ConfirmFormState = { status: "idle" | "rate-limited" };

/** Confirms, then redirects to the link's page (post/redirect/get), which shows the outcome. */
export async function confirmAction(_previous: ConfirmFormState, form: FormData): Promise<ConfirmFormState> {
  if (!(await allowConfirmAttempt(clientKey(await headers())))) return { status: "rate-limited" };
  const token = String(form.get("token") ?? "");
  const { result } = await orUnavailable(() => confirmSignature(token), formLocale(form));
  const query = result === "confirmed" ? "?confirmed=1" : "";
  redirect(localePath(`/confirm/${encodeURIComponent(token)}${query}`, formLocale(form)));
  return { status: "idle" };
}
