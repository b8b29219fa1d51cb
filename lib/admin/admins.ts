import { z } from "zod";
import { db } from "@/lib/db";
import { type Actor, ForbiddenError, requireOwner } from "@/lib/admin/actor";
import { recordAudit } from "@/lib/audit/audit";
import { isOwnerAddress } from "@/lib/admin/session-store";
import { signInPageUrl } from "@/lib/admin/sign-in";
import { routing } from "@/lib/i18n/routing";
import { absoluteUrl } from "@/lib/i18n/urls";
import { enqueue } from "@/lib/outbox/message";
import { transact } from "@/lib/db/changes";
import { adminInviteEmail } from "@/lib/mail/templates";

// Who may use the admin. Owners come from ADMIN_EMAILS only; partner admins are invited by an
// owner, bound to one partner organisation, and can be disabled (their sessions end at once).

export type AdminListEntry = {
  id: string;
  email: string;
  role: string;
  partnerName: string | null;
  createdAt: Date;
  lastLoginAt: Date | null;
  disabledAt: Date | null;
};

export async function listAdmins(actor: Actor): Promise<AdminListEntry[]> {
  requireOwner(actor);
  const rows = await db().adminUser.findMany({ include: { partner: { select: { name: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    partnerName: r.partner?.name ?? null,
    createdAt: r.createdAt,
    lastLoginAt: r.lastLoginAt,
    disabledAt: r.disabledAt,
  }));
}

export const inviteSchema = z.object({
  email: z.string({ error: "email-required" }).trim().min(1, "email-required").max(254, "email-invalid").email("email-invalid").transform((v) => v.toLowerCase()),
  partnerSlug: z.string({ error: "partner-required" }).trim().min(1, "partner-required"),
});

export type InviteResult =
  | { status: "invited"; email: string }
  | { status: "error"; error: "email-required" | "email-invalid" | "partner-required" | "unknown-partner" | "is-owner" | "already-admin" };

/** Invites a partner admin (owners only): creates the row, mails them, audits "admin.invite". */
export async function inviteAdmin(actor: Actor, input: { email: unknown; partnerSlug: unknown }): Promise<InviteResult> {
  requireOwner(actor);
  const parsed = inviteSchema.safeParse(input);
  if (!parsed.success) return { status: "error", error: parsed.error.issues[0].message as "email-invalid" };
  const { email, partnerSlug } = parsed.data;
  if (isOwnerAddress(email)) return { status: "error", error: "is-owner" };
  const partner = await db().partner.findUnique({ where: { slug: partnerSlug } });
  if (!partner) return { status: "error", error: "unknown-partner" };
  return transact(async (tx) => {
    const existing = await tx.adminUser.findUnique({ where: { email } });
    if (existing && !existing.disabledAt) return { status: "error", error: "already-admin" } as const;
    const user = existing
      ? await tx.adminUser.update({
          where: { id: existing.id },
          data: { role: "partner", partnerId: partner.id, disabledAt: null, invitedById: actor.type === "admin" ? actor.adminId : null },
        })
      : await tx.adminUser.create({
          data: { email, role: "partner", partnerId: partner.id, invitedById: actor.type === "admin" ? actor.adminId : null },
        });
    const mail = adminInviteEmail({ locale: routing.defaultLocale, partnerName: partner.name, signInPageUrl: signInPageUrl(), privacyUrl: absoluteUrl("/privacy") });
    await enqueue(tx, { channel: "email", kind: "admin.invite", to: email, ...mail });
    await recordAudit(actor, "admin.invite", { targetId: user.id, details: { partner: partner.slug, role: "partner" } }, tx);
    return { status: "invited", email } as const;
  });
}

/** Disables a partner admin (owners only): ends their sessions. Owners are removed from ADMIN_EMAILS instead. */
export async function disableAdmin(actor: Actor, adminUserId: string): Promise<void> {
  requireOwner(actor);
  await db().$transaction(async (tx) => {
    const user = await tx.adminUser.findUnique({ where: { id: adminUserId } });
    if (!user || user.disabledAt) return;
    if (user.role === "owner") throw new ForbiddenError("owners are managed through ADMIN_EMAILS");
    await tx.adminUser.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    await tx.adminSession.deleteMany({ where: { adminUserId: user.id } });
    await recordAudit(actor, "admin.disable", { targetId: user.id, details: { partnerId: user.partnerId } }, tx);
  });
}

/** Partner organisations, for the invite form. */
export async function listPartners(actor: Actor): Promise<{ slug: string; name: string }[]> {
  requireOwner(actor);
  return db().partner.findMany({ select: { slug: true, name: true }, orderBy: { name: "asc" } });
}
