import { BUDGETED_MAIL, type OutboxOutcome, type OutboxRow, type OutboxStore } from "@/lib/db/outbox";
import type { SqliteTx } from "@/lib/db/sqlite/group-commit";
import { fromDbTime, toDbTime } from "@/lib/db/sqlite/time";

// The outbox's statements for SQLite, run inside a group commit. One process writes the file, so
// a claim is a plain UPDATE … RETURNING; the lease keeps another process (a worker) off the rows.

const HOUR_MS = 60 * 60 * 1000;

type Row = Omit<OutboxRow, "nextAttemptAt"> & { nextAttemptAt: string };

/** The payload without its bodies (they carry links): json_remove of text, html and body. */
const REDACTED = `json_remove(payload, '$.text', '$.html', '$.body')`;

export function sqliteOutboxStore(tx: SqliteTx): Pick<OutboxStore, "claimDue" | "record"> {
  /** Budgeted mail sent in the hour before `now`, plus budgeted mail being sent (leased) now. */
  const mailUsed = (now: Date): number =>
    tx.get<{ n: number }>(
      `SELECT (SELECT count(*) FROM "OutboxMessage" WHERE status = 'sent' AND sentAt >= ? AND ${BUDGETED_MAIL})
            + (SELECT count(*) FROM "OutboxMessage" WHERE status = 'pending' AND lockedUntil >= ? AND ${BUDGETED_MAIL}) AS n`,
      toDbTime(new Date(now.getTime() - HOUR_MS)),
      toDbTime(now),
    )!.n;
  return {
    async claimDue(now, limit, leaseUntil, mailBudgetPerHour = 0) {
      const at = toDbTime(now);
      const mailLimit = mailBudgetPerHour > 0 ? Math.min(limit, Math.max(0, mailBudgetPerHour - mailUsed(now))) : limit;
      const due = `status = 'pending' AND nextAttemptAt <= ? AND (lockedUntil IS NULL OR lockedUntil < ?)`;
      const rows =
        mailLimit >= limit
          ? tx.all<Row>(
              `UPDATE "OutboxMessage" SET lockedUntil = ?
                WHERE id IN (SELECT id FROM "OutboxMessage" WHERE ${due} ORDER BY nextAttemptAt, createdAt, id LIMIT ?)
                RETURNING id, channel, kind, payload, attempts, nextAttemptAt`,
              toDbTime(leaseUntil),
              at,
              at,
              limit,
            )
          : // Past the budget: the other messages as usual, budgeted mail only up to what is left.
            tx.all<Row>(
              `UPDATE "OutboxMessage" SET lockedUntil = ?
                WHERE id IN (SELECT id FROM "OutboxMessage" WHERE ${due} AND NOT ${BUDGETED_MAIL} ORDER BY nextAttemptAt, createdAt, id LIMIT ?)
                   OR id IN (SELECT id FROM "OutboxMessage" WHERE ${due} AND ${BUDGETED_MAIL} ORDER BY nextAttemptAt, createdAt, id LIMIT ?)
                RETURNING id, channel, kind, payload, attempts, nextAttemptAt`,
              toDbTime(leaseUntil),
              at,
              at,
              limit,
              at,
              at,
              mailLimit,
            );
      return rows.map((r) => ({ ...r, nextAttemptAt: fromDbTime(r.nextAttemptAt) })).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
    },

    async record(outcomes: OutboxOutcome[]) {
      for (const o of outcomes) {
        switch (o.result) {
          case "sent":
            tx.run(
              `UPDATE "OutboxMessage" SET status = 'sent', sentAt = ?, lockedUntil = NULL, attempts = attempts + 1, payload = ${REDACTED}, lastError = NULL WHERE id = ?`,
              toDbTime(o.at),
              o.id,
            );
            break;
          case "retry":
            tx.run(
              `UPDATE "OutboxMessage" SET attempts = ?, lockedUntil = NULL, lastError = ?, nextAttemptAt = ? WHERE id = ?`,
              o.attempts,
              o.error,
              toDbTime(o.nextAttemptAt),
              o.id,
            );
            break;
          case "failed":
            // A message given up on keeps no link: signing again sends a fresh one.
            tx.run(
              `UPDATE "OutboxMessage" SET status = 'failed', attempts = ?, lockedUntil = NULL, lastError = ?, payload = ${REDACTED} WHERE id = ?`,
              o.attempts,
              o.error,
              o.id,
            );
            break;
          case "released":
            tx.run(`UPDATE "OutboxMessage" SET lockedUntil = NULL WHERE id = ?`, o.id);
            break;
        }
      }
    },
  };
}
