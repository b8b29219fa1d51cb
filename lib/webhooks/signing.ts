import { createHmac, timingSafeEqual } from "node:crypto";

// Webhook signatures. Each delivery carries X-Speakout-Timestamp (Unix seconds) and
// X-Speakout-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>. Signing the
// timestamp with the body lets a receiver refuse replays of an old delivery.

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex")}`;
}

/** What a receiver does (documented in docs/api.md); used by the tests as a receiver would. */
export function verifySignature(
  secret: string,
  header: { signature: string | null; timestamp: string | null },
  body: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  const { signature, timestamp } = header;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
