import { describe, expect, it } from "vitest";
import { isPermanentFailure, MAX_RETRY_DELAY_MS, retryDelayMs } from "@/lib/mail/backoff";

// How long a confirmation email waits before the next try when the mail server is unavailable.

const BASE = 5_000;
const longest = () => 0.999999;
const shortest = () => 0;

describe("the wait before retrying a confirmation email", () => {
  it("doubles with each failed attempt", () => {
    const waits = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, BASE, longest));
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
  });

  it("is never shorter than half the exponential delay", () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, BASE, shortest))).toEqual([2_500, 5_000, 10_000]);
  });

  it("stays within [delay/2, delay] for any random draw", () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const full = BASE * 2 ** (attempt - 1);
      for (const r of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999]) {
        const wait = retryDelayMs(attempt, BASE, () => r);
        expect(wait).toBeGreaterThanOrEqual(full / 2);
        expect(wait).toBeLessThanOrEqual(full);
      }
    }
  });

  it("spreads retries out: the random draw moves the wait", () => {
    expect(retryDelayMs(3, BASE, () => 0.5)).toBe(15_000);
    expect(retryDelayMs(3, BASE, () => 0.2)).toBe(12_000);
  });

  it("is capped at 30 minutes however many attempts failed", () => {
    expect(MAX_RETRY_DELAY_MS).toBe(30 * 60 * 1000);
    for (const attempt of [12, 20, 100, 2_000]) {
      expect(retryDelayMs(attempt, BASE, longest)).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
      expect(retryDelayMs(attempt, BASE, shortest)).toBe(MAX_RETRY_DELAY_MS / 2);
    }
  });

  it("honours a custom cap", () => {
    expect(retryDelayMs(10, 100, longest, 1_000)).toBe(1_000);
  });

  it("treats the first try (attempt 0 or 1) as the base delay", () => {
    expect(retryDelayMs(0, BASE, longest)).toBe(BASE);
    expect(retryDelayMs(1, BASE, longest)).toBe(BASE);
  });
});

describe("whether a failed email is worth retrying", () => {
  function smtpError(responseCode: number, code = "EENVELOPE") {
    return Object.assign(new Error(`${responseCode} rejected`), { code, responseCode });
  }

  it.each([550, 551, 553, 554])("gives up on a permanent SMTP %i rejection", (responseCode) => {
    expect(isPermanentFailure(smtpError(responseCode))).toBe(true);
  });

  it.each([421, 450, 451, 452])("retries after a temporary SMTP %i reply", (responseCode) => {
    expect(isPermanentFailure(smtpError(responseCode))).toBe(false);
  });

  it("retries when the mail server refuses the connection", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:2525"), { code: "ECONNREFUSED", errno: -111 });
    expect(isPermanentFailure(refused)).toBe(false);
  });

  // "other than connection-level failures": a refused login is about the app's SMTP account, not
  // the message, and succeeds once the operator fixes SMTP_URL. (Error shaped as nodemailer 10
  // reports it, see lib/mail/outbox.test.ts for the same case against a real server.)
  it("retries when the mail server refuses the app's login (535), which the operator can fix", () => {
    const refusedLogin = Object.assign(new Error("Invalid login: 535 5.7.8 Authentication credentials invalid"), {
      code: "EAUTH",
      responseCode: 535,
      command: "AUTH PLAIN",
    });
    expect(isPermanentFailure(refusedLogin)).toBe(false);
  });

  it("retries on timeouts and unknown errors", () => {
    expect(isPermanentFailure(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" }))).toBe(false);
    expect(isPermanentFailure(new Error("something odd"))).toBe(false);
    expect(isPermanentFailure("550 as a string")).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });
});
