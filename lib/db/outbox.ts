import type { Prisma } from "@/lib/db";
import { databaseProvider, env, sqliteFilePath } from "@/lib/env";
import { pgPool } from "@/lib/db";
import { postgresOutboxStore } from "@/lib/db/postgres/outbox";
import { groupCommit } from "@/lib/db/sqlite/group-commit";
import { sqliteOutboxStore } from "@/lib/db/sqlite/outbox";

// The outbox's bookkeeping at the storage boundary: inserting a message in the transaction that
// causes it, claiming due messages under a lease and recording what happened to them, a whole
// round in one write each (on SQLite, a group commit). What a message says is the channel's
// business (lib/outbox/message.ts): here it is a JSON text column, `payload`.
// docs/decisions/045-outbox-and-workers.md

/** A message as stored: the channel's payload as JSON text plus the indexed columns. */
export type StoredOutboxMessage = {
  channel: string;
  kind: string;
  /** email: the recipient; webhook: the endpoint URL (indexed: the per-address mail cap, erasure) */
  toAddress: string;
  /** email: the inbox the per-address mail cap counts (lib/signatures/email.ts mailCapKey) */
  capKey: string | null;
  endpointId: string | null;
  signatureId: string | null;
  payload: string;
  createdAt: Date;
};

/**
 * The mail that the hourly budget holds back: every email but admins' sign-in links and
 * invitations, so that an owner can still sign in to deal with a flood that used the budget up.
 * An SQL condition on the OutboxMessage row (same text on both databases).
 */
export const BUDGETED_MAIL = `(channel = 'email' AND kind NOT LIKE 'admin.%')`;

/** BUDGETED_MAIL for a claimed row. */
export function isBudgetedMail(row: { channel: string; kind: string }): boolean {
  return row.channel === "email" && !row.kind.startsWith("admin.");
}

/**
 * The budgeted mail of a round's claim to give back: `used` counts the hour's sent mail and every
 * leased message, this round's included; past the budget, the latest due of this round's go back.
 */
export function overBudget<R extends { channel: string; kind: string }>(claimed: R[], used: number, budget: number): R[] {
  const mine = claimed.filter(isBudgetedMail);
  const excess = Math.min(mine.length, used - budget);
  return excess > 0 ? mine.slice(mine.length - excess) : [];
}

/** A claimed message. */
export type OutboxRow = {
  id: string;
  channel: string;
  kind: string;
  payload: string;
  attempts: number;
  nextAttemptAt: Date;
};

/** What a round decided for one claimed message. */
export type OutboxOutcome =
  | { id: string; result: "sent"; at: Date }
  | { id: string; result: "retry"; attempts: number; error: string; nextAttemptAt: Date }
  | { id: string; result: "failed"; attempts: number; error: string }
  /** claimed but not tried this round (its server or endpoint was down): free it at once */
  | { id: string; result: "released" };

export interface OutboxStore {
  /**
   * Leases up to `limit` due messages until `leaseUntil` and returns them, oldest due first. With a
   * `mailBudgetPerHour` (> 0), budgeted mail (BUDGETED_MAIL) is kept only while the mail sent in
   * the hour before `now` plus the mail being sent (leased) stays within it, counted in the database
   * in the claiming transaction (under a lock on PostgreSQL), so the budget holds across processes.
   * Mail past it stays queued, untouched, and other messages are claimed in its place (ADR 052).
   */
  claimDue(now: Date, limit: number, leaseUntil: Date, mailBudgetPerHour?: number): Promise<OutboxRow[]>;
  /** Records the outcomes; bodies are removed from the payload once a message is sent or given up. */
  record(outcomes: OutboxOutcome[]): Promise<void>;
}

function file(): string {
  return sqliteFilePath(env().DATABASE_URL);
}

function postgres(): boolean {
  return databaseProvider(env().DATABASE_URL) === "postgres";
}

const sqliteStore: OutboxStore = {
  claimDue: (now, limit, leaseUntil, budget) => groupCommit(file(), (tx) => sqliteOutboxStore(tx).claimDue(now, limit, leaseUntil, budget)),
  record: (outcomes) => (outcomes.length === 0 ? Promise.resolve() : groupCommit(file(), (tx) => sqliteOutboxStore(tx).record(outcomes))),
};

/** The outbox store of the configured database. */
export const outboxStore: OutboxStore = {
  claimDue: (now, limit, leaseUntil, budget) =>
    postgres() ? postgresOutboxStore(pgPool()).claimDue(now, limit, leaseUntil, budget) : sqliteStore.claimDue(now, limit, leaseUntil, budget),
  record: (outcomes) => (postgres() ? postgresOutboxStore(pgPool()).record(outcomes) : sqliteStore.record(outcomes)),
};

/**
 * Inserts a message inside a Prisma transaction. On PostgreSQL the same transaction notifies the
 * `outbox` channel: PostgreSQL delivers a NOTIFY only at commit (and drops it on rollback), so a
 * worker in another process wakes exactly when the message becomes visible.
 */
export async function insertOutboxMessage(tx: Prisma.TransactionClient, row: StoredOutboxMessage): Promise<void> {
  await tx.outboxMessage.create({
    data: {
      channel: row.channel,
      kind: row.kind,
      toAddress: row.toAddress,
      capKey: row.capKey,
      endpointId: row.endpointId,
      signatureId: row.signatureId,
      payload: row.payload,
      nextAttemptAt: row.createdAt,
      createdAt: row.createdAt,
    },
  });
  if (postgres()) await tx.$executeRawUnsafe(`SELECT pg_notify('outbox', '')`);
}

/** Removes queued (not yet sent) messages about these signatures on a channel (erasure). */
export async function deleteUnsentAbout(tx: Prisma.TransactionClient, channel: string, kind: string, signatureIds: string[]): Promise<number> {
  if (signatureIds.length === 0) return 0;
  const { count } = await tx.outboxMessage.deleteMany({ where: { channel, kind, status: { not: "sent" }, signatureId: { in: signatureIds } } });
  return count;
}
