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

/**
 * A 5xx reply about the message itself (its recipient or content) will not succeed on retry.
 * Everything else is about our side (connection, greeting, a refused login) and is retried, so a
 * wrong or rotated SMTP password delays mail instead of losing it.
 */
export function isPermanentFailure(error: unknown): boolean {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  return (
    typeof responseCode === "number" &&
    responseCode >= 500 &&
    responseCode < 600 &&
    (code === "EENVELOPE" || code === "EMESSAGE")
  );
}
