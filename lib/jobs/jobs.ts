import { env } from "@/lib/env";
import { CLIENT_HASH_KEEP_HOURS, forgetClientHashes } from "@/lib/signatures/client-hash";
import { forgetOldRateLimitKeys } from "@/lib/security/rate-limit";
import { anonymiseClosedCampaigns } from "@/lib/signatures/retention";

// The periodic jobs, run by `npm run worker` (and by the app process with OUTBOX_DISPATCHER=inline).
// Each runs once at start and then every `everyMs`; a run that is still going when the next is due
// is not started twice. Several workers may run the same job at once: every job must be safe to
// run concurrently (idempotent deletes and updates). docs/decisions/045-outbox-and-workers.md
//
// Slots:
// - count reconciliation: not needed today. The confirmed count is an indexed COUNT cached for at
//   most 5 s per process (lib/signatures/count.ts), not a stored counter that could drift; a
//   denormalised counter would add its reconciliation here.
// - retention: signatures of campaigns closed RETENTION_MONTHS_AFTER_CLOSE months ago are
//   anonymised ("retention" below); deleting sent outbox rows, expired tokens and old sessions
//   after their retention period belongs here too, as more entries.

export type Job = { name: string; everyMs: number; run(now: Date): Promise<string | void> };

export const JOBS: Job[] = [
  {
    // The day's rate-limit secrets are kept two days, then deleted: keys stored under them can no
    // longer be traced back to an address (lib/security/rate-limit.ts).
    name: "rate-limit-keys",
    everyMs: 60 * 60 * 1000,
    async run(now) {
      const removed = await forgetOldRateLimitKeys(now);
      return removed > 0 ? `deleted ${removed} old rate-limit secret(s)` : undefined;
    },
  },
  {
    // Campaigns closed RETENTION_MONTHS_AFTER_CLOSE months ago: their signatures lose every
    // personal field, counts stay (lib/signatures/retention.ts, ADR 054).
    name: "retention",
    everyMs: 60 * 60 * 1000,
    async run(now) {
      const result = await anonymiseClosedCampaigns(now);
      const lines: string[] = [];
      if (result.signatures > 0) lines.push(`anonymised ${result.signatures} signature(s) of campaigns closed over ${env().RETENTION_MONTHS_AFTER_CLOSE} months ago`);
      // Said at every run until fixed: a campaign closed without a date is never anonymised.
      if (result.undated.length > 0) lines.push(`campaign(s) ${result.undated.join(", ")} closed without closesAt: set closesAt in the content for retention to apply`);
      return lines.length > 0 ? lines.join("; ") : undefined;
    },
  },
  {
    // Burst detection keeps a keyed hash of the signer's address for CLIENT_HASH_KEEP_HOURS only
    // (ADR 052): after that, no signature says which signatures came from the same client.
    name: "suspect-client-hashes",
    everyMs: 15 * 60 * 1000,
    async run(now) {
      const cleared = await forgetClientHashes(now);
      return cleared > 0 ? `cleared the client hash of ${cleared} signature(s) older than ${CLIENT_HASH_KEEP_HOURS} hours` : undefined;
    },
  },
];

type Running = { timers: NodeJS.Timeout[]; inFlight: Set<Promise<unknown>>; stopped: boolean };
const globalForJobs = globalThis as unknown as { __jobs?: Running };

export function startJobs(log: (line: string) => void = () => undefined, jobs: Job[] = JOBS): void {
  if (globalForJobs.__jobs) return;
  const running: Running = { timers: [], inFlight: new Set(), stopped: false };
  globalForJobs.__jobs = running;
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy || running.stopped) return;
      busy = true;
      const run = job
        .run(new Date())
        .then((summary) => {
          if (summary) log(`[job ${job.name}] ${summary}`);
        })
        .catch((error: Error) => console.error(`[job ${job.name}] failed: ${error.message}`))
        .finally(() => {
          busy = false;
          running.inFlight.delete(run);
        });
      running.inFlight.add(run);
    };
    tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    running.timers.push(timer);
  }
}

/** Stops scheduling and waits for the runs in progress. */
export async function stopJobs(): Promise<void> {
  const running = globalForJobs.__jobs;
  globalForJobs.__jobs = undefined;
  if (!running) return;
  running.stopped = true;
  for (const timer of running.timers) clearInterval(timer);
  await Promise.all(running.inFlight);
}
