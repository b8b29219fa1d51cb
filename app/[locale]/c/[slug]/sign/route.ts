import type { NextRequest } from "next/server";
import { LANDING_HOST_COOKIE } from "@/lib/sharing/landing-cookie";
import { isLocale, routing } from "@/lib/i18n/routing";
import { campaignPagePath, signFromPost } from "@/lib/signatures/sign-post";

// The sign form's no-JavaScript post (lib/signatures/sign-post.ts, ADR 061). The front has already
// checked its Origin and its size (lib/http/front.ts).
export async function POST(request: NextRequest) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return new Response("The form could not be read. Please send it again from the page.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const { status, location } = await signFromPost(form, request.headers, request.cookies.get(LANDING_HOST_COOKIE)?.value);
  return new Response(null, { status, headers: { Location: location, "Cache-Control": "no-store" } });
}

// Nothing to show here: a GET (a reload, a bookmarked address) goes to the campaign page.
export async function GET(_request: NextRequest, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = await params;
  return new Response(null, { status: 303, headers: { Location: campaignPagePath(slug, isLocale(locale) ? locale : routing.defaultLocale), "Cache-Control": "no-store" } });
}
