import { databaseProvider, env, sqliteFilePath } from "@/lib/env";
import { pgPool } from "@/lib/db";
import { postgresOutboxStore } from "@/lib/db/postgres/outbox";
import { groupCommit } from "@/lib/db/sqlite/group-commit";
import { sqliteOutboxStore } from "@/lib/db/sqlite/outbox";

// The outbox's bookkeeping at the storage boundary: claiming due messages under a lease and
// recording what happened to them, a whole round in one write each (on SQLite, a group commit).

export type OutboxRow = {
  id: string;
  channel: "email" | "webhook";
  kind: string;
  endpointId: string | null;
  toAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string;
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
  /** Leases up to `limit` due messages until `leaseUntil` and returns them, oldest due first. */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<OutboxRow[]>;
  /** Records the outcomes; bodies are emptied once a message is sent or given up (they carry links). */
  record(outcomes: OutboxOutcome[]): Promise<void>;
}

function file(): string {
  return sqliteFilePath(env().DATABASE_URL);
}

const sqliteStore: OutboxStore = {
  claimDue: (now, limit, leaseUntil) => groupCommit(file(), (tx) => sqliteOutboxStore(tx).claimDue(now, limit, leaseUntil)),
  record: (outcomes) => (outcomes.length === 0 ? Promise.resolve() : groupCommit(file(), (tx) => sqliteOutboxStore(tx).record(outcomes))),
};

/** The outbox store of the configured database. */
export const outboxStore: OutboxStore = {
  claimDue: (now, limit, leaseUntil) =>
    databaseProvider(env().DATABASE_URL) === "postgres" ? postgresOutboxStore(pgPool()).claimDue(now, limit, leaseUntil) : sqliteStore.claimDue(now, limit, leaseUntil),
  record: (outcomes) => (databaseProvider(env().DATABASE_URL) === "postgres" ? postgresOutboxStore(pgPool()).record(outcomes) : sqliteStore.record(outcomes)),
};
