import { expect } from "@playwright/test";

// "Exactly once" as a user or a receiving system sees it: the thing arrives, and nothing more
// arrives in the window in which a duplicate would (the dispatcher polls every 250 ms and retries
// after 500 ms in the e2e configuration, see playwright.config.ts).

export const SETTLE_MS = 2_000;

/** Waits until `count()` reaches 1, then fails if it is ever more than 1 during the settle window. */
export async function expectExactlyOnce(count: () => number | Promise<number>, options: { timeout?: number; settleMs?: number; what?: string } = {}): Promise<void> {
  const what = options.what ?? "deliveries";
  await expect.poll(count, { timeout: options.timeout ?? 20_000, message: `${what} should arrive` }).toBeGreaterThanOrEqual(1);
  const deadline = Date.now() + (options.settleMs ?? SETTLE_MS);
  for (;;) {
    expect(await count(), `${what}: exactly one`).toBe(1);
    if (Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
