import { listenForChanges, onCommitted } from "@/lib/db/changes";
import { env } from "@/lib/env";
import { DISPATCH_BATCH, dispatchDue, type DispatchReport } from "@/lib/outbox/dispatch";

// Runs the outbox in this process (the app with OUTBOX_DISPATCHER=inline, or `npm run worker`):
// a round at start (rows left from before a restart), one whenever a committed transaction queued
// a message (here through the after-commit step, elsewhere through PostgreSQL's NOTIFY 'outbox'),
// and one every OUTBOX_POLL_MS as the fallback (retries that fall due, a missed notification).
// `stopDispatcher()` lets the round in progress finish, so its leases are released.

type DispatcherState = {
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  again: boolean;
  started: boolean;
  unsubscribe?: () => void;
  onRound?: (report: DispatchReport) => void;
};

const globalForDispatcher = globalThis as unknown as { __outboxDispatcher?: DispatcherState };
const state: DispatcherState = (globalForDispatcher.__outboxDispatcher ??= { again: false, started: false });

async function rounds(): Promise<void> {
  do {
    state.again = false;
    try {
      const report = await dispatchDue();
      if (report.sent + report.retrying + report.failed > 0) state.onRound?.(report);
      // A full batch sent means more may be waiting.
      if (report.sent >= DISPATCH_BATCH) state.again = true;
    } catch (error) {
      console.error("[outbox] dispatcher round failed:", error);
    }
  } while (state.again && state.started);
}

function runSoon(): void {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = rounds().finally(() => {
    state.running = undefined;
  });
}

function schedule(): void {
  state.timer = setTimeout(() => {
    runSoon();
    if (state.started) schedule();
  }, env().OUTBOX_POLL_MS);
  state.timer.unref();
}

/** Starts dispatching in this process. `onRound` hears of every round that did something. */
export function startDispatcher(options: { onRound?: (report: DispatchReport) => void } = {}): void {
  if (state.started) return;
  state.started = true;
  state.onRound = options.onRound;
  state.unsubscribe = onCommitted("dispatcher", (changes) => {
    if (changes.some((c) => c.kind === "outbox")) wakeDispatcher();
  });
  listenForChanges();
  schedule();
  runSoon();
}

/** Wakes the dispatcher; a no-op where it does not run in this process. */
export function wakeDispatcher(): void {
  if (state.started) runSoon();
}

/** Stops polling and waits for the round in progress (its outcomes are recorded, leases released). */
export async function stopDispatcher(): Promise<void> {
  state.started = false;
  state.again = false;
  if (state.timer) clearTimeout(state.timer);
  state.timer = undefined;
  state.unsubscribe?.();
  state.unsubscribe = undefined;
  await state.running;
}
