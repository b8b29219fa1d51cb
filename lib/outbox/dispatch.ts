import { type OutboxOutcome, type OutboxRow, outboxStore } from "@/lib/db/outbox";
import { env } from "@/lib/env";
import { retryDelayMs } from "@/lib/mail/backoff";
import { SMTP_POOL_SIZE } from "@/lib/mail/transport";
import type { ClaimedMessage } from "@/lib/outbox/deliverer";
import { delivererFor } from "@/lib/outbox/deliverers";
import type { Channel } from "@/lib/outbox/message";

// One round of the outbox: claim the oldest due messages under a lease, hand each to its channel's
// deliverer, record the outcomes in one write. A row is leased before sending so that several
// dispatchers (app processes, workers) never send the same row at once; it is retried with backoff
// while its server or endpoint is down and kept (status "failed") when it cannot be delivered.

export type DispatchReport = { sent: number; retrying: number; failed: number };

/** How long a dispatcher owns a row it is sending; longer than any SMTP or HTTP timeout. */
export const LEASE_MS = 2 * 60 * 1000;

/** Messages claimed per round. */
export const DISPATCH_BATCH = 50;

/** Messages sent at once: the SMTP pool's size (lib/mail/transport.ts), so none waits for a connection. */
const SEND_CONCURRENCY = SMTP_POOL_SIZE;

type Delivery = { row: OutboxRow; outcome?: OutboxOutcome };

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

export async function dispatchDue(now: Date = new Date(), batchSize = DISPATCH_BATCH): Promise<DispatchReport> {
  const { OUTBOX_RETRY_BASE_MS, OUTBOX_MAX_ATTEMPTS, MAIL_BUDGET_PER_HOUR } = env();
  const report: DispatchReport = { sent: 0, retrying: 0, failed: 0 };
  // Mail past the hourly budget is not claimed: it stays queued until the budget allows (ADR 052).
  const claimed = await outboxStore.claimDue(now, batchSize, new Date(Date.now() + LEASE_MS), MAIL_BUDGET_PER_HOUR);
  if (claimed.length === 0) return report;
  // Servers and endpoints that failed this round: their other messages wait for the next one.
  const down = new Set<string>();
  const deliveries: Delivery[] = claimed.map((row) => ({ row }));

  async function deliver(delivery: Delivery): Promise<void> {
    const { row } = delivery;
    const attempts = row.attempts + 1;
    const deliverer = delivererFor(row.channel);
    let message: ClaimedMessage<Channel>;
    try {
      if (!deliverer) throw new Error(`no deliverer for the channel "${row.channel}"`);
      message = { id: row.id, kind: row.kind, attempts: row.attempts, payload: JSON.parse(row.payload) };
    } catch (error) {
      delivery.outcome = { id: row.id, result: "failed", attempts, error: errorText(error) };
      report.failed++;
      console.error(`[outbox] gave up on message ${row.id}: ${errorText(error)}`);
      return;
    }
    const destination = deliverer.destination(message);
    if (down.has(destination)) {
      delivery.outcome = { id: row.id, result: "released" };
      return;
    }
    try {
      await deliverer.deliver(message);
      delivery.outcome = { id: row.id, result: "sent", at: new Date() };
      report.sent++;
    } catch (error) {
      const permanent = deliverer.isPermanent(error);
      const giveUp = permanent || attempts >= OUTBOX_MAX_ATTEMPTS;
      const text = errorText(error);
      delivery.outcome = giveUp
        ? { id: row.id, result: "failed", attempts, error: text }
        : { id: row.id, result: "retry", attempts, error: text, nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts, OUTBOX_RETRY_BASE_MS)) };
      if (giveUp) report.failed++;
      else report.retrying++;
      console.error(`[${row.channel}] ${giveUp ? "gave up on" : "will retry"} message ${row.id} (attempt ${attempts}): ${text}`);
      if (!permanent) down.add(destination);
    }
  }

  // A few at a time, started in the order they became due.
  let next = 0;
  const senders = Array.from({ length: Math.min(SEND_CONCURRENCY, deliveries.length) }, async () => {
    while (next < deliveries.length) await deliver(deliveries[next++]);
  });
  await Promise.all(senders);
  await outboxStore.record(deliveries.map((d) => d.outcome ?? { id: d.row.id, result: "released" as const }));
  return report;
}
