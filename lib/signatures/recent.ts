import { db } from "@/lib/db";
import { publicDisplayName } from "@/lib/signatures/public-name";

export type PublicSigner = { name: string; country: string; confirmedAt: Date };

const REFRESH_MS = 5_000;
const cache = new Map<string, { value: PublicSigner[]; at: number }>();

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
  const value = rows.map((r) => ({ name: publicDisplayName(r.fullName), country: r.country, confirmedAt: r.confirmedAt! }));
  cache.set(key, { value, at: Date.now() });
  return value;
}

export function forgetRecentSigners(campaignId?: string): void {
  for (const key of cache.keys()) if (!campaignId || key.startsWith(`${campaignId}:`)) cache.delete(key);
}
