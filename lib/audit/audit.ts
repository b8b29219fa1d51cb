import { db, type Prisma } from "@/lib/db";
import { type Actor, actorId, actorLabel } from "@/lib/admin/actor";

// The audit trail of everything done to supporters' data. Written in the same transaction as the
// change where there is one (pass `tx`), so a change without its audit row cannot exist.

export type AuditAction =
  | "export.signatures"
  | "signature.resend"
  | "signature.withdraw"
  | "signature.erase"
  | "signatures.invalidate"
  | "signatures.release"
  | "admin.invite"
  | "admin.disable"
  | "admin.sign-in"
  | "integration-token.create"
  | "integration-token.revoke"
  | "webhook.create"
  | "webhook.disable"
  | "api.signatures.read"
  | "api.signature.read"
  | "signatures.anonymise";

export type AuditEntry = { campaignId?: string | null; targetId?: string | null; details?: Record<string, unknown> };

/** The row an audit entry is stored as. */
export function auditRow(actor: Actor, action: AuditAction, entry: AuditEntry) {
  return {
    actorType: actor.type,
    actorId: actorId(actor),
    actorLabel: actorLabel(actor),
    action,
    campaignId: entry.campaignId ?? null,
    targetId: entry.targetId ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
}

export type AuditRow = ReturnType<typeof auditRow>;

export async function recordAudit(actor: Actor, action: AuditAction, entry: AuditEntry, tx: Prisma.TransactionClient = db()): Promise<void> {
  await tx.auditLog.create({ data: auditRow(actor, action, entry) });
}

/**
 * An audit row for what no admin did: a signer's own withdrawal link ("signer"), a periodic job
 * ("retention"). Stored with actorType "system"; never carries an address.
 */
export async function recordSystemAudit(label: string, action: AuditAction, entry: AuditEntry, tx: Prisma.TransactionClient = db()): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorType: "system",
      actorId: null,
      actorLabel: label,
      action,
      campaignId: entry.campaignId ?? null,
      targetId: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}
