import { beforeAll, describe, expect, it } from "vitest";

// How many admin sign-in attempts one client may make.

const PER_HOUR = 3;
let rateLimit: typeof import("@/lib/security/rate-limit");

beforeAll(async () => {
  process.env.RATE_LIMIT_ADMIN_SIGN_IN_PER_IP_PER_HOUR = String(PER_HOUR);
  rateLimit = await import("@/lib/security/rate-limit");
});

describe("admin sign-in attempts from one client", () => {
  it(`are allowed ${PER_HOUR} times an hour, then refused`, async () => {
    const answers = [];
    for (let i = 0; i < PER_HOUR + 2; i++) answers.push(await rateLimit.allowAdminSignInAttempt("203.0.113.50"));
    expect(answers).toEqual([...Array(PER_HOUR).fill(true), false, false]);
  });

  it("do not hold back other clients, nor signing the petition", async () => {
    for (let i = 0; i < PER_HOUR + 1; i++) await rateLimit.allowAdminSignInAttempt("203.0.113.51");
    expect(await rateLimit.allowAdminSignInAttempt("198.51.100.51")).toBe(true);
    expect(await rateLimit.allowSignAttempt("203.0.113.51")).toBe(true);
  });
});
