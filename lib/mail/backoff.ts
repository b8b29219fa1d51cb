// Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries from
// many messages after an SMTP outage spread out instead of arriving together.

export const MAX_RETRY_DELAY_MS = 30 * 60 * 1000;

export function retryDelayMs(
  attempt: number,
  baseMs: number,
  random: () => number = Math.random,
  maxMs: number = MAX_RETRY_DELAY_MS,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** SMTP 5xx replies (other than connection-level failures) will not succeed on retry. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown })?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}
