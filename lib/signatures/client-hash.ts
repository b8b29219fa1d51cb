import { db } from "@/lib/db";

// Burst detection (ADR 052) keeps a keyed hash of the signer's client address on each new
// signature, for a few hours only. Kept apart from lib/signatures/sign.ts so that the worker's
// jobs (lib/jobs/jobs.ts) load no React or next-intl module.

const HOUR_MS = 60 * 60 * 1000;

/** How long a signature keeps its client hash: longer than the longest burst window (6 hours). */
export const CLIENT_HASH_KEEP_HOURS = 6;

/** Clears the client hash of signatures older than CLIENT_HASH_KEEP_HOURS (a job); returns how many. */
export async function forgetClientHashes(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - CLIENT_HASH_KEEP_HOURS * HOUR_MS);
  const { count } = await db().signature.updateMany({ where: { clientHash: { not: null }, createdAt: { lt: before } }, data: { clientHash: null } });
  return count;
}
