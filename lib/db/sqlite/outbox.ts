import { BUDGETED_MAIL, isBudgetedMail, overBudget, type OutboxOutcome, type OutboxRow, type OutboxStore } from "@/lib/db/outbox";
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
      const claim = (where: string, max: number) =>
        tx.all<Row>(
          `UPDATE "OutboxMessage" SET lockedUntil = ?
            WHERE id IN (SELECT id FROM "OutboxMessage"
                          WHERE status = 'pending' AND nextAttemptAt <= ? AND (lockedUntil IS NULL OR lockedUntil < ?)${where}
                          ORDER BY nextAttemptAt, createdAt, id LIMIT ?)
            RETURNING id, channel, kind, payload, attempts, nextAttemptAt`,
          toDbTime(leaseUntil),
          at,
          at,
          max,
        );
      const byDue = (rows: Row[]) => rows.map((r) => ({ ...r, nextAttemptAt: fromDbTime(r.nextAttemptAt) })).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
      const rows = claim("", limit);
      // The budget is counted only when the round took budgeted mail (nothing to count when idle).
      if (mailBudgetPerHour <= 0 || !rows.some(isBudgetedMail)) return byDue(rows);
      const back = overBudget(rows, mailUsed(now), mailBudgetPerHour);
      if (back.length === 0) return byDue(rows);
      // Past the budget: the excess goes back as it was (one transaction: no one saw it leased),
      // and the other messages are claimed in its place, so webhooks never wait behind held mail.
      for (const row of back) tx.run(`UPDATE "OutboxMessage" SET lockedUntil = NULL WHERE id = ?`, row.id);
      const returned = new Set(back.map((r) => r.id));
      const kept = rows.filter((r) => !returned.has(r.id));
      return byDue([...kept, ...claim(` AND NOT ${BUDGETED_MAIL}`, limit - kept.length)]);
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
