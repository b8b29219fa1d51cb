"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { consumeSignInLink, queueSignInLink, signInEmailSchema } from "@/lib/admin/sign-in";
import { setSessionCookie, signOut } from "@/lib/admin/session";
import { allowAdminSignInAttempt } from "@/lib/security/rate-limit";
import { clientKey } from "@/lib/security/client";

/** Asks for a sign-in link. Every accepted address ends on the same "check your inbox" page. */
export async function requestSignInLinkAction(form: FormData): Promise<void> {
  const raw = String(form.get("email") ?? "");
  const parsed = signInEmailSchema.safeParse(raw);
  if (!parsed.success) redirect(`/admin/sign-in?error=${parsed.error.issues[0]?.message === "required" ? "required" : "invalid"}`);
  if (!(await allowAdminSignInAttempt(clientKey(await headers())))) redirect("/admin/sign-in?error=rate-limited");
  // the same work for every address: the link is made and mailed after this answer
  queueSignInLink(parsed.data);
  redirect("/admin/sign-in/sent");
}

/** Uses a sign-in link (the button on the link's page), then opens the dashboard. */
export async function verifySignInAction(form: FormData): Promise<void> {
  if (!(await allowAdminSignInAttempt(clientKey(await headers())))) redirect("/admin/sign-in?error=rate-limited");
  const result = await consumeSignInLink(String(form.get("token") ?? ""));
  if (result.status !== "signed-in") redirect("/admin/sign-in?error=link");
  await setSessionCookie(result.sessionToken);
  redirect("/admin");
}

export async function signOutAction(): Promise<void> {
  await signOut();
  redirect("/admin/sign-in?signed-out=1");
}
