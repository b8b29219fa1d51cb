import { NextResponse } from "next/server";
import { errorPageHtml } from "@/lib/http/error-page";

// The answers given while the database cannot be reached (lib/db/unavailable.ts): 503 with a
// Retry-After, as a page for people and as JSON for programs. Never cached.

export const RETRY_AFTER_SECONDS = 30;

const headers = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };

export function unavailablePage(): Response {
  const html = errorPageHtml(
    "Please try again in a minute",
    `<p>We could not reach our database just now, so <strong>nothing was saved</strong>. This happens for a moment during maintenance or a very busy hour.</p>
<p>Please go back and send the form again in a minute. If you signed, you will get one confirmation email.</p>`,
  );
  return new Response(html, { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

export function unavailableJson(extra: Record<string, string> = {}): NextResponse {
  return NextResponse.json(
    { error: "unavailable", message: `The database cannot be reached just now. Try again in ${RETRY_AFTER_SECONDS} seconds.` },
    { status: 503, headers: { ...headers, ...extra } },
  );
}

export { isDatabaseUnavailable } from "@/lib/db/unavailable";
