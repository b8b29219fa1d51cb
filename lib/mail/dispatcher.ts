import { env } from "@/lib/env";
import { DISPATCH_BATCH, dispatchDueMail } from "@/lib/mail/outbox";

// Runs the outbox inside the app process: polls on an interval and is woken at once when a request
// queues mail. Pending rows from before a restart are picked up by the first poll.

type DispatcherState = { timer?: NodeJS.Timeout; running: boolean; again: boolean; started: boolean };

const globalForDispatcher = globalThis as unknown as { __mailDispatcher?: DispatcherState };
const state: DispatcherState = (globalForDispatcher.__mailDispatcher ??= { running: false, again: false, started: false });

async function runOnce(): Promise<void> {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    do {
      state.again = false;
      const report = await dispatchDueMail();
      // A full batch sent means more may be waiting.
      if (report.sent >= DISPATCH_BATCH) state.again = true;
    } while (state.again);
  } catch (error) {
    console.error("[mail] dispatcher round failed:", error);
  } finally {
    state.running = false;
  }
}

function schedule(): void {
  state.timer = setTimeout(async () => {
    await runOnce();
    schedule();
  }, env().OUTBOX_POLL_MS);
  state.timer.unref();
}

export function startMailDispatcher(): void {
  if (state.started || env().OUTBOX_DISPATCHER === "off") return;
  state.started = true;
  schedule();
  void runOnce();
}

/** Wakes the dispatcher after a transaction queued mail; no-op where it is not running here. */
export function wakeMailDispatcher(): void {
  if (state.started) void runOnce();
}
