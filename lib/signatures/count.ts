import { db } from "@/lib/db";
import { onCommitted } from "@/lib/db/changes";

// The confirmed count is read on every page view, by the API and by previews. It is computed with
// an indexed COUNT at most once per REFRESH_MS per process and kept in memory; confirmations made
// by this process add to it at once (the after-commit step, lib/db/changes.ts), and other
// processes' confirmations appear at the next refresh: the count shown anywhere is at most
// REFRESH_MS behind the database. Withdrawals and erasures are forgotten at once in every process
// (NOTIFY 'cache' on PostgreSQL). No shared counter row exists, so confirming writers never queue
// behind one another.

const REFRESH_MS = 5_000;

type Entry = { value: number; at: number; refreshing?: Promise<number>; changedDuringRefresh?: boolean };
const globalForCount = globalThis as unknown as { __confirmedCounts?: Map<string, Entry> };
const counts: Map<string, Entry> = (globalForCount.__confirmedCounts ??= new Map());

export async function confirmedCount(campaignId: string): Promise<number> {
  const entry = counts.get(campaignId) ?? { value: 0, at: 0 };
  if (Date.now() - entry.at < REFRESH_MS) return entry.value;
  if (entry.refreshing) return entry.refreshing;
  entry.changedDuringRefresh = false;
  entry.refreshing = db()
    .signature.count({ where: { campaignId, status: "confirmed" } })
    .then((value) => {
      // A confirmation that raced the COUNT may be missing from it: read again next time.
      counts.set(campaignId, { value, at: entry.changedDuringRefresh ? 0 : Date.now() });
      return value;
    })
    .finally(() => {
      entry.refreshing = undefined;
    });
  counts.set(campaignId, entry);
  return entry.refreshing;
}

/** Called after this process confirmed a signature (exactly once per signature). */
export function noteConfirmed(campaignId: string): void {
  const entry = counts.get(campaignId);
  if (!entry) return;
  if (entry.refreshing) entry.changedDuringRefresh = true;
  else entry.value += 1;
}

export function forgetCounts(campaignId?: string): void {
  if (campaignId) counts.delete(campaignId);
  else counts.clear();
}

onCommitted("confirmed-count", (changes) => {
  for (const change of changes) {
    if (change.kind === "confirmed") noteConfirmed(change.campaignId);
    if (change.kind === "signatures") forgetCounts(change.campaignId);
  }
});
