import { db } from "@/lib/db";
import { onCommitted } from "@/lib/db/changes";
import { publicDisplayName } from "@/lib/signatures/public-name";

export type PublicSigner = { name: string; country: string; confirmedAt: Date };

// Kept at most REFRESH_MS per process; forgotten at once after a change committed here, and after
// a withdrawal or erasure anywhere (lib/db/changes.ts).
const REFRESH_MS = 5_000;
const globalForRecent = globalThis as unknown as { __recentSigners?: Map<string, { value: PublicSigner[]; at: number }> };
const cache: Map<string, { value: PublicSigner[]; at: number }> = (globalForRecent.__recentSigners ??= new Map());

/** The latest confirmed signers who chose to be shown: display name and country, nothing else. */
export async function recentPublicSigners(campaignId: string, limit = 10): Promise<PublicSigner[]> {
  const key = `${campaignId}:${limit}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < REFRESH_MS) return hit.value;
  const rows = await db().signature.findMany({
    where: { campaignId, status: "confirmed", showName: true },
    orderBy: { confirmedAt: "desc" },
    take: limit,
    select: { fullName: true, country: true, confirmedAt: true },
  });
  const value = rows
    .map((r) => ({ name: publicDisplayName(r.fullName), country: r.country, confirmedAt: r.confirmedAt! }))
    .filter((s) => s.name !== "");
  cache.set(key, { value, at: Date.now() });
  return value;
}

export function forgetRecentSigners(campaignId?: string): void {
  for (const key of cache.keys()) if (!campaignId || key.startsWith(`${campaignId}:`)) cache.delete(key);
}

onCommitted("recent-signers", (changes) => {
  for (const change of changes) {
    if (change.kind === "confirmed" || change.kind === "signatures") forgetRecentSigners(change.campaignId);
  }
});
