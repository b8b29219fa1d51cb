import type pg from "pg";
import { BUDGETED_MAIL, isBudgetedMail, overBudget, type OutboxOutcome, type OutboxRow, type OutboxStore } from "@/lib/db/outbox";
import { execute, query, toPgTime, transaction } from "@/lib/db/postgres/pool";

// The outbox's statements for PostgreSQL. Any number of workers claim at once: each takes due
// rows that no one holds with FOR UPDATE SKIP LOCKED and leases them (lockedUntil) in the same
// statement, so two workers never get the same row, and a worker that dies frees its rows when
// the lease runs out. docs/decisions/045-outbox-and-workers.md

/** The payload without its bodies (they carry links). */
const REDACTED = `(payload::jsonb - 'text' - 'html' - 'body')::text`;

const HOUR_MS = 60 * 60 * 1000;

export function postgresOutboxStore(pool: pg.Pool): OutboxStore {
  return {
    async claimDue(now, limit, leaseUntil, mailBudgetPerHour = 0) {
      const at = toPgTime(now);
      const claim = (on: pg.Pool | pg.PoolClient, where: string, max: number) =>
        query<OutboxRow>(
          on,
          `UPDATE "OutboxMessage" m SET "lockedUntil" = $1
             FROM (SELECT id FROM "OutboxMessage"
                    WHERE status = 'pending' AND "nextAttemptAt" <= $2 AND ("lockedUntil" IS NULL OR "lockedUntil" < $2)${where}
                    ORDER BY "nextAttemptAt", "createdAt", id LIMIT $3
                    FOR UPDATE SKIP LOCKED) due
            WHERE m.id = due.id
            RETURNING m.id, m.channel, m.kind, m.payload, m.attempts, m."nextAttemptAt"`,
          [toPgTime(leaseUntil), at, max],
        );
      const byDue = (rows: OutboxRow[]) => rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
      if (mailBudgetPerHour <= 0) return byDue(await claim(pool, "", limit));
      return transaction(pool, async (client) => {
        const rows = await claim(client, "", limit);
        // The budget is counted only when the round took budgeted mail (nothing to count when idle).
        if (!rows.some(isBudgetedMail)) return byDue(rows);
        // The budget is global: dispatchers count one at a time, each holding the lock until its
        // claim commits, so the next one counts this one's leases (READ COMMITTED: each statement
        // sees what committed before it).
        await execute(client, `SELECT pg_advisory_xact_lock(hashtext('outbox-mail-budget'))`);
        const [used] = await query<{ n: number }>(
          client,
          `SELECT (SELECT count(*)::int FROM "OutboxMessage" WHERE status = 'sent' AND "sentAt" >= $1 AND ${BUDGETED_MAIL})
                + (SELECT count(*)::int FROM "OutboxMessage" WHERE status = 'pending' AND "lockedUntil" >= $2 AND ${BUDGETED_MAIL}) AS n`,
          [toPgTime(new Date(now.getTime() - HOUR_MS)), at],
        );
        const back = overBudget(rows, used.n, mailBudgetPerHour);
        if (back.length === 0) return byDue(rows);
        // Past the budget: the excess goes back as it was (one transaction: no one saw it leased),
        // and the other messages are claimed in its place, so webhooks never wait behind held mail.
        await execute(client, `UPDATE "OutboxMessage" SET "lockedUntil" = NULL WHERE id = ANY($1)`, [back.map((r) => r.id)]);
        const returned = new Set(back.map((r) => r.id));
        const kept = rows.filter((r) => !returned.has(r.id));
        return byDue([...kept, ...(await claim(client, ` AND NOT ${BUDGETED_MAIL}`, limit - kept.length))]);
      });
    },

    async record(outcomes: OutboxOutcome[]) {
      if (outcomes.length === 0) return;
      await transaction(pool, async (client) => {
        for (const o of outcomes) {
          switch (o.result) {
            case "sent":
              await execute(
                client,
                `UPDATE "OutboxMessage" SET status = 'sent', "sentAt" = $1, "lockedUntil" = NULL, attempts = attempts + 1, payload = ${REDACTED}, "lastError" = NULL WHERE id = $2`,
                [toPgTime(o.at), o.id],
              );
              break;
            case "retry":
              await execute(client, `UPDATE "OutboxMessage" SET attempts = $1, "lockedUntil" = NULL, "lastError" = $2, "nextAttemptAt" = $3 WHERE id = $4`, [
                o.attempts,
                o.error,
                toPgTime(o.nextAttemptAt),
                o.id,
              ]);
              break;
            case "failed":
              await execute(client, `UPDATE "OutboxMessage" SET status = 'failed', attempts = $1, "lockedUntil" = NULL, "lastError" = $2, payload = ${REDACTED} WHERE id = $3`, [
                o.attempts,
                o.error,
                o.id,
              ]);
              break;
            case "released":
              await execute(client, `UPDATE "OutboxMessage" SET "lockedUntil" = NULL WHERE id = $1`, [o.id]);
              break;
          }
        }
      });
    },
  };
}
