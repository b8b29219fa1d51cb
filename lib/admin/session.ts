import "server-only";

import { cookies } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { AdminActor, AdminRole } from "@/lib/admin/actor";
import { adminForSessionToken, deleteAdminSession, SESSION_MAX_MS } from "@/lib/admin/session-store";

// The admin session as seen by pages, layouts, route handlers and Server Actions. The cookie is
// __Host- prefixed (Secure, Path=/, no Domain: no subdomain can set or read it), httpOnly and
// SameSite=Lax; it holds a random token whose hash is looked up in AdminSession on every request.

export type { AdminActor, AdminRole };

export const SESSION_COOKIE = "__Host-admin-session";

const lookup = cache(async (token: string | undefined) => adminForSessionToken(token));

/** The signed-in admin of this request, or null. */
export async function currentAdmin(): Promise<AdminActor | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return lookup(token);
}

/**
 * For pages and Server Actions: the signed-in admin, else a redirect to the sign-in page. With
 * `role: "owner"`, a partner admin gets the 403 page.
 */
export async function requireAdmin(options?: { role?: AdminRole }): Promise<AdminActor> {
  const actor = await currentAdmin();
  if (!actor) redirect("/admin/sign-in");
  if (options?.role === "owner" && actor.role !== "owner") forbidden();
  return actor;
}

/** Sets the session cookie (Server Actions and route handlers only). */
export async function setSessionCookie(token: string): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: Math.floor(SESSION_MAX_MS / 1000),
  });
}

/** Ends this browser's session: the database row and the cookie. */
export async function signOut(): Promise<void> {
  const store = await cookies();
  await deleteAdminSession(store.get(SESSION_COOKIE)?.value);
  store.set(SESSION_COOKIE, "", { httpOnly: true, secure: true, sameSite: "lax", path: "/", maxAge: 0 });
}
