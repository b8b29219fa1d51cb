import { env } from "@/lib/env";
import { isLocale, routing, type Locale } from "@/lib/i18n/routing";
import { localePath } from "@/lib/i18n/urls";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { clientKey } from "@/lib/security/client";
import { attributionFromForm } from "@/lib/sharing/attribution";
import { submitSignForm } from "@/lib/signatures/sign-form";
import { validateSignature, valuesFromForm } from "@/lib/signatures/schema";

// The sign form as a browser without JavaScript posts it (ADR 061). The form's HTML action is
// /c/<slug>/sign, a route handler, so a complete signing costs a plain POST and not the Server
// Action's machinery (which decodes the action's state and renders its answer as a page). What the
// page must show again (field errors, the rate limit, a closed campaign) goes back to the page it
// was posted from as the same POST, a 307: there the form's Server Action, whose fields the post
// carries, answers it with the page and its messages, as it always has. With JavaScript the form
// calls the Server Action directly and none of this runs.

export type SignPostAnswer = { status: 303 | 307; location: string };

/** The page the form was posted from: the same-origin Referer, or the campaign page rebuilt from the form. */
export function formPage(form: FormData, referer: string | null, host: string | null): string {
  const slug = String(form.get("campaign") ?? "");
  const locale = formLocale(form);
  if (referer) {
    try {
      const url = new URL(referer);
      const own = [new URL(env().APP_URL).host, ...(host ? [host] : [])];
      // Never this address itself: the page is what answers the Server Action.
      if (own.includes(url.host) && !url.pathname.endsWith("/sign")) return `${url.pathname}${url.search}`;
    } catch {
      // not a URL: rebuilt below
    }
  }
  return campaignPagePath(slug, locale, attributionFromForm(form).embed === true);
}

/** The campaign's page (or its embed) in a locale. */
export function campaignPagePath(slug: string, locale: string, embed = false): string {
  return localePath(embed ? `/embed/${encodeURIComponent(slug)}` : `/c/${encodeURIComponent(slug)}`, locale);
}

/** The page's locale travels in the form: pages are cached and the post reads no routing state. */
export function formLocale(form: FormData): Locale {
  const value = String(form.get("locale") ?? "");
  return isLocale(value) ? value : routing.defaultLocale;
}

/**
 * Signs from a no-JavaScript form post: 303 to "check your inbox" (or to the 503 page when the
 * database cannot be reached), or 307 back to the form's page when the answer is the form again.
 * An incomplete form is sent back before anything is counted, so the rate limit counts it once.
 */
export async function signFromPost(form: FormData, headers: Headers, landingHost: string | undefined): Promise<SignPostAnswer> {
  const referer = headers.get("referer");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const back: SignPostAnswer = { status: 307, location: formPage(form, referer, host) };
  if (!validateSignature(valuesFromForm(form)).ok) return back;
  const locale = formLocale(form);
  try {
    const result = await submitSignForm(form, { locale, clientKey: clientKey(headers), attempt: 0, referer, host: headers.get("host"), landingHost });
    if (!("redirectTo" in result)) return back;
    // Embed pages live outside the locale routing (app/embed), so their path takes no locale prefix.
    const to = result.redirectTo.startsWith("/embed/") ? result.redirectTo : localePath(result.redirectTo, locale);
    return { status: 303, location: to };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error(`[db] unavailable during a form post: ${(error as Error).message}`);
    return { status: 303, location: localePath("/unavailable", locale) };
  }
}
