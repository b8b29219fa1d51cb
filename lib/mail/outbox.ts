import { db, type Prisma } from "@/lib/db";
import { type OutboxOutcome, type OutboxRow, outboxStore } from "@/lib/db/outbox";
import { env } from "@/lib/env";
import { isPermanentFailure, retryDelayMs } from "@/lib/mail/backoff";
import type { RenderedEmail } from "@/lib/mail/templates";
import { mailSender, SMTP_POOL_SIZE } from "@/lib/mail/transport";
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

/** Messages sent at once: the SMTP pool's size (lib/mail/transport.ts), so none waits for a connection. */
const SEND_CONCURRENCY = SMTP_POOL_SIZE;

type Delivery = { row: OutboxRow; outcome?: OutboxOutcome };

/** Messages claimed per round. */
export const DISPATCH_BATCH = 50;

export async function dispatchDueMail(now: Date = new Date(), batchSize = DISPATCH_BATCH): Promise<DispatchReport> {
  const { OUTBOX_RETRY_BASE_MS, OUTBOX_MAX_ATTEMPTS, APP_URL } = env();
  const report: DispatchReport = { sent: 0, retrying: 0, failed: 0 };
  const claimed = await outboxStore.claimDue(now, batchSize, new Date(Date.now() + LEASE_MS));
  if (claimed.length === 0) return report;
  const host = new URL(APP_URL).hostname;
  // Endpoints that failed this round: their other deliveries wait for the next one.
  const unreachable = new Set<string>();
  let mailServerDown = false;
  const deliveries: Delivery[] = claimed.map((row) => ({ row }));

  async function deliver(delivery: Delivery): Promise<void> {
    const { row } = delivery;
    const webhook = row.channel === "webhook";
    if (webhook ? row.endpointId !== null && unreachable.has(row.endpointId) : mailServerDown) {
      delivery.outcome = { id: row.id, result: "released" };
      return;
    }
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
      delivery.outcome = { id: row.id, result: "sent", at: new Date() };
      report.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const permanent = webhook ? isPermanentWebhookFailure(error) : isPermanentFailure(error);
      const giveUp = permanent || attempts >= OUTBOX_MAX_ATTEMPTS;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      delivery.outcome = giveUp
        ? { id: row.id, result: "failed", attempts, error: message }
        : { id: row.id, result: "retry", attempts, error: message, nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts, OUTBOX_RETRY_BASE_MS)) };
      if (giveUp) report.failed++;
      else report.retrying++;
      console.error(`[${webhook ? "webhook" : "mail"}] ${giveUp ? "gave up on" : "will retry"} message ${row.id} (attempt ${attempts}): ${message}`);
      // The server or endpoint is likely down: leave the rest of its messages for the next round.
      if (!permanent) {
        if (webhook && row.endpointId) unreachable.add(row.endpointId);
        if (!webhook) mailServerDown = true;
      }
    }
  }

  // A few at a time, in the order they became due.
  let next = 0;
  const workers = Array.from({ length: Math.min(SEND_CONCURRENCY, deliveries.length) }, async () => {
    while (next < deliveries.length) await deliver(deliveries[next++]);
  });
  await Promise.all(workers);
  await outboxStore.record(deliveries.map((d) => d.outcome ?? { id: d.row.id, result: "released" as const }));
  return report;
}

export async function outboxBacklog(): Promise<{ pending: number; failed: number }> {
  const [pending, failed] = await Promise.all([
    db().outboxMessage.count({ where: { status: "pending" } }),
    db().outboxMessage.count({ where: { status: "failed" } }),
  ]);
  return { pending, failed };
}
