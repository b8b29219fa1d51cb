import { db, type Prisma } from "@/lib/db";
import { mailCapKey } from "@/lib/signatures/email";

// Mail in the outbox: the per-address cap and the backlog the health check reports. Mail is queued
// with enqueue(tx, { channel: "email", … }) (lib/outbox/message.ts) and sent by the email
// deliverer (lib/mail/deliver.ts) when the dispatcher takes it.

export type { MailKind } from "@/lib/outbox/message";

/** Messages queued to this address's inbox (+tags and case ignored) since `since`: caps the mail one person can be sent. */
export async function mailsQueuedSince(tx: Prisma.TransactionClient, to: string, since: Date): Promise<number> {
  return tx.outboxMessage.count({ where: { capKey: mailCapKey(to), createdAt: { gte: since } } });
}

export async function outboxBacklog(): Promise<{ pending: number; failed: number }> {
  const [pending, failed] = await Promise.all([
    db().outboxMessage.count({ where: { status: "pending" } }),
    db().outboxMessage.count({ where: { status: "failed" } }),
  ]);
  return { pending, failed };
}
