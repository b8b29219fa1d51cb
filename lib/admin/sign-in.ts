import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit";
import { createAdminSession, isOwnerAddress } from "@/lib/admin/session-store";
import { routing } from "@/lib/i18n/routing";
import { mailsQueuedSince } from "@/lib/mail/outbox";
import { enqueue } from "@/lib/outbox/message";
import { transact } from "@/lib/db/changes";
import { adminSignInEmail } from "@/lib/mail/templates";
import { env } from "@/lib/env";
import { absoluteUrl } from "@/lib/i18n/urls";
import { generateToken, hashToken, isWellFormedToken } from "@/lib/security/tokens";

// Passwordless sign-in for the admin area. Anyone may ask for a link; only owners listed in
// ADMIN_EMAILS and invited, not disabled admins get one, and every request gets the same answer
// so the form tells nobody who is an admin. A link is one-time, valid LINK_VALID_MINUTES, stored
// as its SHA-256, and used by a POST (mail scanners fetch links: a GET never signs in).

export const LINK_VALID_MINUTES = 15;
const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

export const signInEmailSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(254, "too-long")
  .email("invalid")
  .transform((v) => v.toLowerCase());

/** What happened, for tests and logs only: the visitor sees the same page for all of these. */
export type LinkRequestOutcome = "sent" | "not-an-admin" | "mail-capped";

/** The admin user an address may sign in as, creating or updating owners' rows; null if none. */
async function eligibleAdmin(email: string): Promise<{ id: string } | null> {
  const user = await db().adminUser.findUnique({ where: { email } });
  if (user?.disabledAt) return null;
  if (isOwnerAddress(email)) return user ?? { id: "" };
  if (user && user.role === "partner" && user.partnerId) return user;
  return null;
}

/**
 * Queues a sign-in link for an admin address; does nothing visible for any other address. Takes
 * longer for an admin (a transaction, a token, a mail): requests go through queueSignInLink().
 */
export async function requestSignInLink(rawEmail: string, now = new Date()): Promise<LinkRequestOutcome> {
  const email = signInEmailSchema.parse(rawEmail);
  if (!(await eligibleAdmin(email))) return "not-an-admin";
  return transact(async (tx) => {
    // Same cap as signers' mail: nobody can flood an admin's inbox with links.
    const recent = await mailsQueuedSince(tx, email, new Date(now.getTime() - HOUR_MS));
    if (recent >= env().RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR) return "mail-capped" as const;
    const token = generateToken();
    await tx.adminLoginToken.create({
      data: { tokenHash: hashToken(token), email, expiresAt: new Date(now.getTime() + LINK_VALID_MINUTES * MINUTE_MS), createdAt: now },
    });
    const mail = adminSignInEmail({
      locale: routing.defaultLocale,
      signInUrl: `${env().APP_URL}/admin/sign-in/verify?token=${token}`,
      validMinutes: LINK_VALID_MINUTES,
      privacyUrl: absoluteUrl("/privacy"),
    });
    await enqueue(tx, { channel: "email", kind: "admin.sign-in", to: email, ...mail }, now);
    return "sent" as const;
  });
}

// The request path must not tell admins from strangers by its time (issue 9: 25 ms against 54 ms).
// The form's action only validates the address and hands it here; the lookup, the token and the
// mail happen after its answer, one request at a time, so both answers do the same work
// (docs/decisions/051-admin-sign-in-timing-and-logged-links.md).
const MAX_WAITING = 200;
let waiting = 0;
let chain: Promise<unknown> = Promise.resolve();

/** Schedules requestSignInLink() off the request path; returns at once, whoever the address is. */
export function queueSignInLink(email: string): void {
  if (waiting >= MAX_WAITING) {
    console.warn("[admin] sign-in link requests are arriving faster than they are handled: one dropped");
    return;
  }
  waiting++;
  chain = chain
    .then(() => new Promise((resolve) => setImmediate(resolve)))
    .then(() => requestSignInLink(email))
    .catch((error: unknown) => console.error("[admin] could not handle a sign-in link request:", error instanceof Error ? error.message : error))
    .finally(() => waiting--);
}

/** For tests and the benchmark: resolves once every queued request has been handled. */
export async function signInLinksHandled(): Promise<void> {
  while (waiting > 0) await chain;
}

export type SignInResult = { status: "signed-in"; sessionToken: string } | { status: "invalid" };

/**
 * Uses a link: marks it used (once, even when two requests race), checks the address may still
 * sign in, creates or updates an owner's row and opens a session. Unknown, used and expired links
 * all answer "invalid".
 */
export async function consumeSignInLink(token: string, now = new Date()): Promise<SignInResult> {
  if (!isWellFormedToken(token)) return { status: "invalid" };
  return db().$transaction(async (tx) => {
    const row = await tx.adminLoginToken.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!row || row.usedAt || row.expiresAt <= now) return { status: "invalid" } as const;
    const claimed = await tx.adminLoginToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return { status: "invalid" } as const;

    let user = await tx.adminUser.findUnique({ where: { email: row.email }, include: { partner: { select: { slug: true } } } });
    if (user?.disabledAt) return { status: "invalid" } as const;
    if (isOwnerAddress(row.email)) {
      user = await tx.adminUser.upsert({
        where: { email: row.email },
        create: { email: row.email, role: "owner", lastLoginAt: now },
        update: { role: "owner", partnerId: null, lastLoginAt: now },
        include: { partner: { select: { slug: true } } },
      });
    } else if (user && user.role === "partner" && user.partnerId) {
      await tx.adminUser.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    } else {
      return { status: "invalid" } as const;
    }
    const sessionToken = await createAdminSession(tx, user.id, now);
    await recordAudit(
      {
        type: "admin",
        adminId: user.id,
        email: user.email,
        role: user.role as "owner" | "partner",
        partnerId: user.partnerId,
        partnerSlug: user.partner?.slug ?? null,
      },
      "admin.sign-in",
      { targetId: user.id },
      tx,
    );
    return { status: "signed-in", sessionToken } as const;
  });
}

/** Where the sign-in form lives, for invitation mails. */
export function signInPageUrl(): string {
  return `${env().APP_URL}/admin/sign-in`;
}
