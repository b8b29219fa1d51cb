import { db, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { AdminActor, AdminRole } from "@/lib/admin/actor";
import { generateToken, hashToken, isWellFormedToken } from "@/lib/security/tokens";

// Admin sessions in the database: the browser holds a random 256-bit token, the table only its
// SHA-256. A session ends after SESSION_IDLE_MS without use, after SESSION_MAX_MS in any case, at
// sign-out, when the admin is disabled, and for owners when their address leaves ADMIN_EMAILS.

export type { AdminActor };

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

export function isOwnerAddress(email: string): boolean {
  return env().ADMIN_EMAILS.includes(email.trim().toLowerCase());
}

/** Opens a session for an admin and returns the token for the cookie. */
export async function createAdminSession(tx: Prisma.TransactionClient, adminUserId: string, now = new Date()): Promise<string> {
  const token = generateToken();
  await tx.adminSession.create({
    data: { tokenHash: hashToken(token), adminUserId, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS), createdAt: now, lastSeenAt: now },
  });
  return token;
}

/** The admin behind a session token, or null when the token is unknown, expired or its admin may no longer sign in. */
export async function adminForSessionToken(token: string | undefined, now = new Date()): Promise<AdminActor | null> {
  if (!token || !isWellFormedToken(token)) return null;
  const session = await db().adminSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { adminUser: { include: { partner: { select: { slug: true } } } } },
  });
  if (!session) return null;
  const user = session.adminUser;
  const expired = session.expiresAt <= now || now.getTime() - session.createdAt.getTime() > SESSION_MAX_MS;
  if (expired || user.disabledAt) {
    await db().adminSession.deleteMany({ where: { id: session.id } });
    return null;
  }
  const role = user.role as AdminRole;
  // An owner is an owner only while the operator lists the address.
  if (role === "owner" && !isOwnerAddress(user.email)) return null;
  if (role === "partner" && (!user.partnerId || !user.partner)) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db().adminSession.updateMany({
      where: { id: session.id },
      data: { lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) },
    });
  }
  return {
    type: "admin",
    adminId: user.id,
    email: user.email,
    role,
    partnerId: role === "partner" ? user.partnerId : null,
    partnerSlug: role === "partner" ? (user.partner?.slug ?? null) : null,
  };
}

/** Ends a session (sign-out). Unknown tokens are ignored. */
export async function deleteAdminSession(token: string | undefined): Promise<void> {
  if (!token || !isWellFormedToken(token)) return;
  await db().adminSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}
