import { createHmac } from "node:crypto";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createRateLimiter, forgetRateLimitSecretsBefore, rateLimitSecret } from "@/lib/db/rate-limit";
import { env } from "@/lib/env";

// Per-client limits on public writes. On PostgreSQL the counts are shared by every app process
// (lib/db/rate-limit.ts); on SQLite, one process keeps them in memory. The per-address mail cap in
// lib/signatures/sign.ts is kept in the outbox and is global on both.
//
// A client's address is never stored: the key is an HMAC of it with the day's secret, which every
// process shares and which is deleted two days later (the "rate-limit-keys" job), after which no
// stored key can be traced back to an address. The key changes at midnight UTC, so a client's
// counts start again then.

const DAY_MS = 24 * 60 * 60 * 1000;

function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The stored key for a client: HMAC-SHA256 of its address with the day's secret. */
export async function hashedClientKey(clientKey: string, now: Date = new Date()): Promise<string> {
  const secret = await rateLimitSecret(utcDay(now));
  return createHmac("sha256", secret).update(clientKey, "utf8").digest("base64url");
}

/** A limiter of `points` attempts per `duration` seconds per client, under `keyPrefix`. */
export function clientLimiter(keyPrefix: string, points: number, duration: number): (clientKey: string) => Promise<boolean> {
  let limiter: RateLimiterAbstract | undefined;
  return async (clientKey) => {
    limiter ??= createRateLimiter({ keyPrefix, points, duration });
    try {
      await limiter.consume(await hashedClientKey(clientKey));
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      // The store failed and so did its insurance: let the request through rather than refuse everyone.
      console.error(`[rate-limit] ${keyPrefix}: ${(error as Error).message}`);
      return true;
    }
  };
}

let signLimiter: ((clientKey: string) => Promise<boolean>) | undefined;
let confirmLimiter: ((clientKey: string) => Promise<boolean>) | undefined;
let adminSignInLimiter: ((clientKey: string) => Promise<boolean>) | undefined;

export function allowSignAttempt(clientKey: string): Promise<boolean> {
  signLimiter ??= clientLimiter("sign", env().RATE_LIMIT_SIGN_PER_IP_PER_MINUTE, 60);
  return signLimiter(clientKey);
}

export function allowConfirmAttempt(clientKey: string): Promise<boolean> {
  confirmLimiter ??= clientLimiter("confirm", env().RATE_LIMIT_CONFIRM_PER_IP_PER_MINUTE, 60);
  return confirmLimiter(clientKey);
}

/** Requests for an admin sign-in link (and link uses) from one client, per hour. */
export function allowAdminSignInAttempt(clientKey: string): Promise<boolean> {
  adminSignInLimiter ??= clientLimiter("admin-sign-in", env().RATE_LIMIT_ADMIN_SIGN_IN_PER_IP_PER_HOUR, 3600);
  return adminSignInLimiter(clientKey);
}

/** Days a day's secret is kept, that day included: the privacy notice states it (lib/campaigns/privacy.ts). */
export const RATE_LIMIT_SECRET_KEEP_DAYS = 2;

/** Deletes the day secrets older than yesterday's (a periodic job, lib/jobs/jobs.ts). */
export function forgetOldRateLimitKeys(now: Date = new Date()): Promise<number> {
  return forgetRateLimitSecretsBefore(utcDay(new Date(now.getTime() - (RATE_LIMIT_SECRET_KEEP_DAYS - 1) * DAY_MS)));
}

/**
 * The client address from the proxy chain. The app's server (scripts/server.mjs) appends the
 * socket's address to X-Forwarded-For before Next sees a request, as each proxy appends the
 * address it received the request from; so the entry TRUSTED_PROXY_HOPS places from the end is the
 * one the outermost trusted proxy saw, which a client cannot forge. With no trusted proxy (0, the
 * default) it is the socket's own address, whatever the client sent (ADR 047).
 */
export function clientKeyFrom(forwardedFor: string | null, trustedHops = 0): string {
  const entries = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return entries[Math.max(0, entries.length - 1 - trustedHops)] ?? "unknown";
}
