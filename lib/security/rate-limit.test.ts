import { beforeAll, describe, expect, it } from "vitest";

// How many signatures one connection may send, and which address a request is counted against.

const PER_MINUTE = 4;
let rateLimit: typeof import("@/lib/security/rate-limit");

beforeAll(async () => {
  process.env.RATE_LIMIT_SIGN_PER_IP_PER_MINUTE = String(PER_MINUTE);
  rateLimit = await import("@/lib/security/rate-limit");
});

describe("signing from one connection", () => {
  it(`is allowed ${PER_MINUTE} times a minute, then refused`, async () => {
    const answers = [];
    for (let i = 0; i < PER_MINUTE + 2; i++) answers.push(await rateLimit.allowSignAttempt("203.0.113.7"));
    expect(answers).toEqual([...Array(PER_MINUTE).fill(true), false, false]);
  });

  it("does not hold back supporters on other connections", async () => {
    for (let i = 0; i < PER_MINUTE + 1; i++) await rateLimit.allowSignAttempt("203.0.113.8");
    expect(await rateLimit.allowSignAttempt("198.51.100.20")).toBe(true);
  });

  it("is counted separately from opening confirmation links", async () => {
    for (let i = 0; i < PER_MINUTE + 1; i++) await rateLimit.allowSignAttempt("203.0.113.9");
    expect(await rateLimit.allowConfirmAttempt("203.0.113.9")).toBe(true);
  });
});

describe("the address a request is counted against", () => {
  it("is the one added by the nearest proxy, which a client cannot forge", () => {
    expect(rateLimit.clientKeyFrom("1.1.1.1, 2.2.2.2, 203.0.113.7")).toBe("203.0.113.7");
  });

  it("skips the configured number of trusted proxies", () => {
    expect(rateLimit.clientKeyFrom("1.1.1.1, 203.0.113.7, 10.0.0.2", 1)).toBe("203.0.113.7");
  });

  it("cannot be changed by a client prepending addresses", () => {
    const honest = rateLimit.clientKeyFrom("203.0.113.7, 10.0.0.2", 1);
    const spoofed = rateLimit.clientKeyFrom("9.9.9.9, 8.8.8.8, 203.0.113.7, 10.0.0.2", 1);
    expect(spoofed).toBe(honest);
  });

  it("is 'unknown' when no proxy reported one", () => {
    expect(rateLimit.clientKeyFrom(null)).toBe("unknown");
    expect(rateLimit.clientKeyFrom(" , ")).toBe("unknown");
  });
});
