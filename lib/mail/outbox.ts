import { db, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { isPermanentFailure, retryDelayMs } from "@/lib/mail/backoff";
import type { RenderedEmail } from "@/lib/mail/templates";
import { mailSender } from "@/lib/mail/transport";
import { deliverWebhook, isPermanentWebhookFailure } from "@/lib/webhooks/deliver";

// The durable outbox: mail is written in the same transaction as the change that causes it, and a
// dispatcher sends it afterwards. A row is leased before sending so that several dispatchers
// (app instances, workers) never send the same row at once; it is retried with backoff while the
// SMTP server is down and kept (status "failed") when it cannot be delivered.
// Webhook deliveries (channel "webhook", see lib/webhooks/) go through the same queue, leases and
// backoff; only the sending step and what counts as a permanent failure differ.

export type MailKind = "signature.confirm" | "signature.already-signed" | "admin.sign-in" | "admin.invite";

/** How long a dispatcher owns a row it is sending; longer than any SMTP timeout. */
const LEASE_MS = 2 * 60 * 1000;

export async function enqueueMail(
  tx: Prisma.TransactionClient,
  mail: RenderedEmail & { kind: MailKind; to: string },
): Promise<void> {
  await tx.outboxMessage.create({
    data: { kind: mail.kind, toAddress: mail.to, subject: mail.subject, textBody: mail.text, htmlBody: mail.html },
  });
}

/** Messages queued to exactly this address since `since`: caps the mail one person can be sent. */
export async function mailsQueuedSince(tx: Prisma.TransactionClient, to: string, since: Date): Promise<number> {
  return tx.outboxMessage.count({ where: { toAddress: to, createdAt: { gte: since } } });
}

export type DispatchReport = { sent: number; retrying: number; failed: number };

export async function dispatchDueMail(now: Date = new Date(), batchSize = 25): Promise<DispatchReport> {
  const { OUTBOX_RETRY_BASE_MS, OUTBOX_MAX_ATTEMPTS, APP_URL } = env();
  const report: DispatchReport = { sent: 0, retrying: 0, failed: 0 };
  const due = await db().outboxMessage.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: now },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
    orderBy: { nextAttemptAt: "asc" },
    take: batchSize,
  });
  const host = new URL(APP_URL).hostname;
  // Endpoints that failed this round: their other deliveries wait for the next one.
  const unreachable = new Set<string>();
  let mailServerDown = false;
  for (const row of due) {
    const webhook = row.channel === "webhook";
    if (webhook ? row.endpointId !== null && unreachable.has(row.endpointId) : mailServerDown) continue;
    const claimed = await db().outboxMessage.updateMany({
      where: { id: row.id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedUntil: new Date(Date.now() + LEASE_MS) },
    });
    if (claimed.count === 0) continue;
    try {
      if (webhook) {
        // The row id goes out as X-Speakout-Delivery, so a receiver can drop a duplicate.
        await deliverWebhook(row);
      } else {
        await mailSender().send({
          // Stable per row: a receiver can drop a duplicate if a crash made us send twice.
          messageId: `<${row.id}@${host}>`,
          to: row.toAddress,
          subject: row.subject,
          text: row.textBody,
          html: row.htmlBody,
        });
      }
      await db().outboxMessage.update({
        where: { id: row.id },
        data: { status: "sent", sentAt: new Date(), lockedUntil: null, attempts: row.attempts + 1, textBody: "", htmlBody: "", lastError: null },
      });
      report.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const permanent = webhook ? isPermanentWebhookFailure(error) : isPermanentFailure(error);
      const giveUp = permanent || attempts >= OUTBOX_MAX_ATTEMPTS;
      const message = error instanceof Error ? error.message : String(error);
      await db().outboxMessage.update({
        where: { id: row.id },
        data: {
          attempts,
          lockedUntil: null,
          lastError: message.slice(0, 1000),
          status: giveUp ? "failed" : "pending",
          // A message given up on keeps no link: signing again sends a fresh one.
          ...(giveUp ? { textBody: "", htmlBody: "" } : {}),
          nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts, OUTBOX_RETRY_BASE_MS)),
        },
      });
      if (giveUp) report.failed++;
      else report.retrying++;
      console.error(`[${webhook ? "webhook" : "mail"}] ${giveUp ? "gave up on" : "will retry"} message ${row.id} (attempt ${attempts}): ${message}`);
      if (webhook) {
        if (!permanent && row.endpointId) unreachable.add(row.endpointId);
        continue;
      }
      // The server is likely down: leave the rest of the mail for the next round.
      if (!permanent) mailServerDown = true;
    }
  }
  return report;
}

export async function outboxBacklog(): Promise<{ pending: number; failed: number }> {
  const [pending, failed] = await Promise.all([
    db().outboxMessage.count({ where: { status: "pending" } }),
    db().outboxMessage.count({ where: { status: "failed" } }),
  ]);
  return { pending, failed };
}
