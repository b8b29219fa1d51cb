import { RateLimiterMemory } from "rate-limiter-flexible";
import { env } from "@/lib/env";

// Per-client limits on public writes, kept in this process's memory (each instance limits on its
// own; the per-address mail cap in lib/signatures/sign.ts is kept in the database and is global).

let signLimiter: RateLimiterMemory | undefined;
let confirmLimiter: RateLimiterMemory | undefined;
let adminSignInLimiter: RateLimiterMemory | undefined;

async function allowed(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch {
    return false;
  }
}

export function allowSignAttempt(clientKey: string): Promise<boolean> {
  signLimiter ??= new RateLimiterMemory({ keyPrefix: "sign", points: env().RATE_LIMIT_SIGN_PER_IP_PER_MINUTE, duration: 60 });
  return allowed(signLimiter, clientKey);
}

export function allowConfirmAttempt(clientKey: string): Promise<boolean> {
  confirmLimiter ??= new RateLimiterMemory({ keyPrefix: "confirm", points: env().RATE_LIMIT_CONFIRM_PER_IP_PER_MINUTE, duration: 60 });
  return allowed(confirmLimiter, clientKey);
}

/** Requests for an admin sign-in link (and link uses) from one client, per hour. */
export function allowAdminSignInAttempt(clientKey: string): Promise<boolean> {
  adminSignInLimiter ??= new RateLimiterMemory({ keyPrefix: "admin-sign-in", points: env().RATE_LIMIT_ADMIN_SIGN_IN_PER_IP_PER_HOUR, duration: 3600 });
  return allowed(adminSignInLimiter, clientKey);
}

/**
 * The client address from the proxy chain. Each trusted proxy appends the address it received the
 * request from, so the entry TRUSTED_PROXY_HOPS places from the end is the one the outermost
 * trusted proxy saw, which a client cannot forge. Next.js only fills the header when it is absent,
 * so a server exposed without a proxy takes whatever the client sends: deploy behind one.
 */
export function clientKeyFrom(forwardedFor: string | null, trustedHops = 0): string {
  const entries = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return entries[Math.max(0, entries.length - 1 - trustedHops)] ?? "unknown";
}
