import { startDispatcher, stopDispatcher } from "@/lib/outbox/dispatcher";
import { startJobs, stopJobs } from "@/lib/jobs/jobs";
import { listenForChanges } from "@/lib/db/changes";
import { env } from "@/lib/env";
import { mailStartupNotice } from "@/lib/mail/transport";

// What runs beside requests: the outbox dispatcher and the periodic jobs. `npm run worker` runs
// them as a process of its own; an app process runs them too unless OUTBOX_DISPATCHER=off.
// Every process listens for other processes' changes (PostgreSQL), which keeps its caches right.

export function startBackground(log: (line: string) => void = () => undefined): void {
  // Whoever sends the mail says, once, where it goes when there is no mail server.
  const notice = mailStartupNotice(env());
  if (notice) log(notice);
  startDispatcher({
    onRound: (r) => log(`[outbox] round: ${r.sent} sent, ${r.retrying} to retry, ${r.failed} given up`),
  });
  startJobs(log);
}

/** Lets the round in progress and running jobs finish; their leases are released. */
export async function stopBackground(): Promise<void> {
  await Promise.all([stopDispatcher(), stopJobs()]);
}

/** An app process that leaves the outbox to workers still hears of changes for its caches. */
export function startListening(): void {
  listenForChanges();
}
