/**
 * Helpers for Playwright specs to inspect mail caught by e2e/support/smtp-catcher.ts.
 */

export interface CaughtMail {
  id: number;
  from: string;
  /** RCPT TO envelope addresses */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** lowercased header name -> decoded value (repeated headers joined with "\n") */
  headers: Record<string, string>;
  receivedAt: string;
  envelopeFrom: string | null;
  attachments: { filename: string | null; contentType: string; size: number }[];
}

export interface WaitForMailOptions {
  /** Wait until at least this many (matching) messages have arrived for the address. Default 1. */
  count?: number;
  /** Default 20 000 ms. */
  timeoutMs?: number;
  /** Only consider messages whose subject contains this string. */
  subjectIncludes?: string;
}

const POLL_MS = 200;

function controlUrl(path: string): string {
  const port = Number(process.env.SMTP_CATCHER_CONTROL_PORT || 2526);
  return `http://127.0.0.1:${port}${path}`;
}

async function control(method: string, path: string): Promise<Response> {
  const res = await fetch(controlUrl(path), { method });
  if (res.status !== 200) {
    throw new Error(`smtp-catcher ${method} ${path} failed: HTTP ${res.status} ${await res.text()}`);
  }
  return res;
}

/** All messages delivered to `address` (RCPT TO, case-insensitive), oldest first. */
export async function mailsTo(address: string): Promise<CaughtMail[]> {
  const res = await control("GET", `/messages?to=${encodeURIComponent(address)}`);
  return (await res.json()) as CaughtMail[];
}

/** Every caught message, oldest first. */
export async function allMails(): Promise<CaughtMail[]> {
  const res = await control("GET", "/messages");
  return (await res.json()) as CaughtMail[];
}

/**
 * Polls until at least `count` matching messages have arrived for `address` and
 * returns the newest one. Throws after `timeoutMs`.
 */
export async function waitForMail(address: string, options: WaitForMailOptions = {}): Promise<CaughtMail> {
  const count = options.count ?? 1;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  let last: CaughtMail[] = [];
  for (;;) {
    const all = await mailsTo(address);
    last = all;
    const matching = options.subjectIncludes
      ? all.filter((m) => m.subject.includes(options.subjectIncludes as string))
      : all;
    if (matching.length >= count) return matching[matching.length - 1];
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const subjects = last.map((m) => JSON.stringify(m.subject)).join(", ") || "none";
  throw new Error(
    `waitForMail: expected ${count} message(s) to ${address}` +
      (options.subjectIncludes ? ` with subject including ${JSON.stringify(options.subjectIncludes)}` : "") +
      ` within ${timeoutMs}ms; got ${last.length} message(s) for that address (subjects: ${subjects})`,
  );
}

/**
 * Returns the first absolute http(s) URL in `text` whose path starts with `pathPrefix`
 * (e.g. "/confirm/"). Accepts a message too (searches its text part, then its html).
 * Throws if there is none.
 */
export function extractLink(text: string | CaughtMail, pathPrefix: string): string {
  const sources = typeof text === "string" ? [text] : [text.text, text.html.replace(/&amp;/g, "&")];
  for (const source of sources) {
    for (const match of source.matchAll(/https?:\/\/[^\s<>"'`]+/g)) {
      // Strip punctuation that commonly trails a URL in prose / markdown.
      const candidate = match[0].replace(/[.,;:!?)\]}>]+$/, "");
      let url: URL;
      try {
        url = new URL(candidate);
      } catch {
        continue;
      }
      if (url.pathname.startsWith(pathPrefix)) return candidate;
    }
  }
  const preview = (typeof text === "string" ? text : text.text).slice(0, 2000);
  throw new Error(`extractLink: no URL with path starting ${JSON.stringify(pathPrefix)} in:\n${preview}`);
}

/** Closes the SMTP listener: the app's connections are refused until smtpUp(). */
export async function smtpDown(): Promise<void> {
  await control("POST", "/down");
}

/** Re-opens the SMTP listener on the same port. */
export async function smtpUp(): Promise<void> {
  await control("POST", "/up");
}

/** Deletes every caught message. */
export async function clearMails(): Promise<void> {
  await control("DELETE", "/messages");
}
