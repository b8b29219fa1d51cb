import { db, dialect, pgPool, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { listen, type Listener } from "@/lib/db/postgres/listener";

// The after-commit step. A transaction notes what it changed (`noteChange(tx, change)`: a queued
// outbox message, a confirmation, other changes to counted data); once it has committed,
// `committed()` hands the changes to the subscribers of this process (the dispatcher wakes, caches
// update) and, on PostgreSQL, to every other process: a queued message by the NOTIFY 'outbox'
// made inside the transaction itself (delivered only at commit), cache invalidations by a NOTIFY
// 'cache' after it. Transactions run through `transact()` (Prisma) or `writeSigning()` (the
// signing path), which both end with this step. docs/decisions/045-outbox-and-workers.md

export type Change =
  /** an outbox message was queued */
  | { kind: "outbox" }
  /** this process confirmed a signature: its caches add one; other processes catch up by their TTL */
  | { kind: "confirmed"; campaignId: string }
  /** counted data changed otherwise (withdrawal, erasure, invalidation): every process forgets it */
  | { kind: "signatures"; campaignId?: string }
  /** campaigns were loaded or changed */
  | { kind: "campaigns" };

export type ChangeHandler = (changes: readonly Change[]) => void;

type Globals = { __changeHandlers?: Map<string, ChangeHandler>; __pendingChanges?: WeakMap<object, Change[]>; __changeListener?: Listener };
const globals = globalThis as unknown as Globals;
// On globalThis: Next.js builds several module graphs (pages, actions, routes) in one process, and
// a change committed in one must reach the caches of all. Caches keep their state on globalThis
// too, and subscribe under a name: the module's copy in each graph replaces the last one.
const handlers: Map<string, ChangeHandler> = (globals.__changeHandlers ??= new Map());
const pending: WeakMap<object, Change[]> = (globals.__pendingChanges ??= new WeakMap());

/** Subscribes to committed changes (this process's and, on PostgreSQL, other processes'), under a name. */
export function onCommitted(name: string, handler: ChangeHandler): () => void {
  handlers.set(name, handler);
  return () => {
    if (handlers.get(name) === handler) handlers.delete(name);
  };
}

/** Notes a change made inside the transaction `tx` (a Prisma transaction client or a signing store). */
export function noteChange(tx: object, change: Change): void {
  const list = pending.get(tx) ?? [];
  list.push(change);
  pending.set(tx, list);
}

export function takeChanges(tx: object): Change[] {
  const list = pending.get(tx) ?? [];
  pending.delete(tx);
  return list;
}

function deliver(changes: readonly Change[]): void {
  for (const handler of handlers.values()) {
    try {
      handler(changes);
    } catch (error) {
      console.error("[changes] a subscriber failed:", error);
    }
  }
}

/** Changes other processes must hear of (a queued message is announced by the transaction itself). */
function shared(changes: readonly Change[]): Change[] {
  return changes.filter((c) => c.kind === "signatures" || c.kind === "campaigns");
}

/** The after-commit step: call it once the transaction that made `changes` has committed. */
export function committed(changes: readonly Change[]): void {
  if (changes.length === 0) return;
  deliver(changes);
  const others = shared(changes);
  if (others.length > 0 && dialect() === "postgres") {
    pgPool()
      .query("SELECT pg_notify('cache', $1)", [JSON.stringify(others)])
      .catch((error: Error) => console.error(`[changes] could not notify other processes: ${error.message}`));
  }
}

/** A Prisma interactive transaction followed by the after-commit step for what it noted. */
export async function transact<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  let client: Prisma.TransactionClient | undefined;
  const result = await db().$transaction((tx) => {
    client = tx;
    return work(tx);
  });
  if (client) committed(takeChanges(client));
  return result;
}

/**
 * Starts hearing other processes' changes (PostgreSQL only; a SQLite file has one writing process).
 * Idempotent. After a lost connection every cache is forgotten and the dispatcher woken, since
 * notifications may have been missed.
 */
export function listenForChanges(): void {
  if (globals.__changeListener || dialect() !== "postgres") return;
  globals.__changeListener = listen(
    env().DATABASE_URL,
    ["outbox", "cache"],
    (channel, payload) => {
      if (channel === "outbox") return deliver([{ kind: "outbox" }]);
      try {
        deliver(JSON.parse(payload) as Change[]);
      } catch {
        deliver([{ kind: "signatures" }, { kind: "campaigns" }]);
      }
    },
    () => deliver([{ kind: "outbox" }, { kind: "signatures" }, { kind: "campaigns" }]),
  );
}

/** Resolves once this process hears other processes' changes (at once where there is nothing to hear). */
export function listeningForChanges(): Promise<void> {
  return globals.__changeListener?.ready ?? Promise.resolve();
}

export async function stopListeningForChanges(): Promise<void> {
  const listener = globals.__changeListener;
  globals.__changeListener = undefined;
  await listener?.close();
}
