/**
 * SMTP catcher for end-to-end tests.
 *
 * A real SMTP server (smtp-server) that keeps every received message in memory,
 * plus a small HTTP control API used by the Playwright specs (see ./mail.ts):
 *
 *   GET    /health               -> 200 "ok"
 *   GET    /messages[?to=addr]   -> JSON array of caught messages, oldest first
 *                                   (`to` matches RCPT TO envelope addresses, case-insensitive)
 *   GET    /messages/:id/raw     -> the raw RFC 822 source (text/plain)
 *   DELETE /messages             -> clears all messages
 *   POST   /down                 -> closes the SMTP listener and drops open SMTP connections;
 *                                   new connections are refused (ECONNREFUSED). 200 once closed.
 *   POST   /up                   -> listens again on the same port. 200 once listening.
 *
 * Run with: npx tsx e2e/support/smtp-catcher.ts
 * Env: SMTP_CATCHER_PORT (default 2525), SMTP_CATCHER_CONTROL_PORT (default 2526),
 *      SMTP_CATCHER_VERBOSE=1 to log every received message.
 */
import http from "node:http";
import type net from "node:net";
import { SMTPServer } from "smtp-server";

const HOST = "127.0.0.1";
const SMTP_PORT = Number(process.env.SMTP_CATCHER_PORT || 2525);
const CONTROL_PORT = Number(process.env.SMTP_CATCHER_CONTROL_PORT || 2526);
const SIZE_LIMIT = 1024 * 1024;
const VERBOSE = process.env.SMTP_CATCHER_VERBOSE === "1";

export interface CaughtMessage {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  receivedAt: string;
  envelopeFrom: string | null;
  attachments: { filename: string | null; contentType: string; size: number }[];
}

interface StoredMessage extends CaughtMessage {
  raw: Buffer;
}

// ---------------------------------------------------------------------------
// MIME parsing (fallback when `mailparser` is not installed)
// ---------------------------------------------------------------------------

interface ParsedPart {
  headers: Record<string, string>;
  text: string;
  html: string;
  attachments: CaughtMessage["attachments"];
}

function decodeBytes(bytes: Buffer, charset: string | undefined): string {
  const label = (charset || "utf-8").trim().toLowerCase();
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** Quoted-printable -> bytes. Input is a latin1 ("binary") string. */
function decodeQuotedPrintable(input: string): Buffer {
  const withoutSoftBreaks = input.replace(/=[ \t]*\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < withoutSoftBreaks.length; i++) {
    const ch = withoutSoftBreaks[i];
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(withoutSoftBreaks.slice(i + 1, i + 3))) {
      bytes.push(parseInt(withoutSoftBreaks.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(withoutSoftBreaks.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?charset?Q|B?...?=) -> unicode string. */
function decodeEncodedWords(value: string): string {
  // Whitespace between two adjacent encoded words is not significant.
  const joined = value.replace(/(=\?[^?\s]+\?[QqBb]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[QqBb]\?[^?\s]*\?=)/g, "$1");
  return joined.replace(/=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g, (_match, charset: string, enc: string, data: string) => {
    const cs = charset.split("*")[0]; // strip RFC 2231 language suffix
    const bytes =
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64")
        : decodeQuotedPrintable(data.replace(/_/g, " "));
    return decodeBytes(bytes, cs);
  });
}

function splitHeaderAndBody(raw: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return { head: raw, body: "" };
  return { head: raw.slice(0, match.index), body: raw.slice(match.index + match[0].length) };
}

/** Parses a header block (latin1 string). Repeated headers are joined with "\n". */
function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, "");
  for (const line of unfolded.split(/\r?\n/)) {
    const idx = line.indexOf(":");
    if (idx <= 0) continue;
    const name = line.slice(0, idx).trim().toLowerCase();
    // Header bytes may be raw UTF-8 (SMTPUTF8); re-decode from latin1 first.
    const rawValue = decodeBytes(Buffer.from(line.slice(idx + 1).trim(), "latin1"), "utf-8");
    const value = decodeEncodedWords(rawValue);
    headers[name] = name in headers ? `${headers[name]}\n${value}` : value;
  }
  return headers;
}

function parseHeaderParams(value: string | undefined): { value: string; params: Record<string, string> } {
  if (!value) return { value: "", params: {} };
  const [first, ...rest] = splitOutsideQuotes(value, ";");
  const params: Record<string, string> = {};
  for (const item of rest) {
    const eq = item.indexOf("=");
    if (eq <= 0) continue;
    const key = item.slice(0, eq).trim().toLowerCase();
    let val = item.slice(eq + 1).trim();
    if (val.startsWith('"') && val.endsWith('"') && val.length >= 2) {
      val = val.slice(1, -1).replace(/\\(.)/g, "$1");
    }
    params[key] = val;
  }
  // RFC 2231 continuations / encodings (e.g. filename*0*=utf-8''...), best effort.
  const continued: Record<string, string[]> = {};
  for (const [key, val] of Object.entries(params)) {
    const m = /^([^*]+)\*(\d+)?\*?$/.exec(key);
    if (!m) continue;
    const base = m[1];
    const index = m[2] ? Number(m[2]) : 0;
    (continued[base] ||= [])[index] = val;
  }
  for (const [base, pieces] of Object.entries(continued)) {
    let joined = pieces.join("");
    const enc = /^([^']*)'[^']*'(.*)$/.exec(joined);
    if (enc) {
      joined = decodeBytes(Buffer.from(decodeURIComponentBytes(enc[2])), enc[1] || "utf-8");
    }
    params[base] = joined;
  }
  return { value: first.trim().toLowerCase(), params };
}

function decodeURIComponentBytes(input: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(input.charCodeAt(i) & 0xff);
    }
  }
  return bytes;
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === "\\" && quoted && i + 1 < value.length) {
      current += ch + value[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      out.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out;
}

function decodeTransferEncoding(body: string, encoding: string | undefined): Buffer {
  switch ((encoding || "7bit").trim().toLowerCase()) {
    case "base64":
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
    case "quoted-printable":
      return decodeQuotedPrintable(body);
    default:
      return Buffer.from(body, "latin1");
  }
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const lines = body.split(/\r?\n/);
  const delimiter = `--${boundary}`;
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.replace(/[ \t]+$/, "");
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current) parts.push(current.join("\r\n"));
      current = trimmed === delimiter ? [] : null;
      if (trimmed !== delimiter) break;
      continue;
    }
    if (current) current.push(line);
  }
  return parts;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<a\s[^>]*href=["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi, "$2 ($1)")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|h[1-6]|li|tr)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function parseEntity(raw: string, depth = 0): ParsedPart {
  const { head, body } = splitHeaderAndBody(raw);
  const headers = parseHeaders(head);
  const result: ParsedPart = { headers, text: "", html: "", attachments: [] };
  const contentType = parseHeaderParams(headers["content-type"] || "text/plain; charset=us-ascii");
  const disposition = parseHeaderParams(headers["content-disposition"]);
  const filename = disposition.params.filename || contentType.params.name || null;

  if (contentType.value.startsWith("multipart/") && contentType.params.boundary && depth < 20) {
    for (const partRaw of splitMultipart(body, contentType.params.boundary)) {
      const part = parseEntity(partRaw, depth + 1);
      if (!result.text && part.text) result.text = part.text;
      if (!result.html && part.html) result.html = part.html;
      result.attachments.push(...part.attachments);
    }
    return result;
  }

  const bytes = decodeTransferEncoding(body, headers["content-transfer-encoding"]);
  const isAttachment = disposition.value === "attachment" || (filename !== null && disposition.value !== "inline");
  if (!isAttachment && contentType.value === "text/plain") {
    result.text = decodeBytes(bytes, contentType.params.charset).replace(/\r\n/g, "\n");
  } else if (!isAttachment && contentType.value === "text/html") {
    result.html = decodeBytes(bytes, contentType.params.charset).replace(/\r\n/g, "\n");
  } else {
    result.attachments.push({ filename, contentType: contentType.value, size: bytes.length });
  }
  return result;
}

type Parsed = { from: string; subject: string; text: string; html: string; attachments: CaughtMessage["attachments"] };

function parseWithBuiltin(raw: Buffer): Parsed {
  const entity = parseEntity(raw.toString("latin1"));
  return {
    from: entity.headers["from"] || "",
    subject: entity.headers["subject"] || "",
    text: entity.text || (entity.html ? htmlToText(entity.html) : ""),
    html: entity.html,
    attachments: entity.attachments,
  };
}

// Use `mailparser` when it is installed; otherwise the built-in parser above.
type SimpleParser = (source: Buffer) => Promise<{
  from?: { text?: string };
  subject?: string;
  text?: string;
  html?: string | false;
  attachments?: { filename?: string; contentType: string; size: number }[];
}>;

async function loadMailparser(): Promise<SimpleParser | null> {
  const specifier = "mailparser";
  try {
    const mod = (await import(specifier)) as { simpleParser?: SimpleParser; default?: { simpleParser?: SimpleParser } };
    return mod.simpleParser ?? mod.default?.simpleParser ?? null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------

const messages: StoredMessage[] = [];
let nextId = 1;
let simpleParser: SimpleParser | null = null;

async function storeMessage(raw: Buffer, envelopeFrom: string | null, rcptTo: string[]): Promise<StoredMessage> {
  const { head } = splitHeaderAndBody(raw.toString("latin1"));
  const headers = parseHeaders(head);
  let parsed: Parsed;
  if (simpleParser) {
    try {
      const mp = await simpleParser(raw);
      parsed = {
        from: mp.from?.text ?? headers["from"] ?? "",
        subject: mp.subject ?? "",
        text: mp.text ?? "",
        html: typeof mp.html === "string" ? mp.html : "",
        attachments: (mp.attachments ?? []).map((a) => ({
          filename: a.filename ?? null,
          contentType: a.contentType,
          size: a.size,
        })),
      };
    } catch {
      parsed = parseWithBuiltin(raw);
    }
  } else {
    parsed = parseWithBuiltin(raw);
  }
  const message: StoredMessage = {
    id: nextId++,
    from: parsed.from,
    to: rcptTo,
    subject: parsed.subject,
    text: parsed.text,
    html: parsed.html,
    headers,
    receivedAt: new Date().toISOString(),
    envelopeFrom,
    attachments: parsed.attachments,
    raw,
  };
  messages.push(message);
  if (VERBOSE) {
    console.log(`smtp-catcher received #${message.id} to=${rcptTo.join(",")} subject=${JSON.stringify(message.subject)}`);
  }
  return message;
}

// ---------------------------------------------------------------------------
// SMTP server (re-created on every /up so /down can drop all connections)
// ---------------------------------------------------------------------------

let smtp: SMTPServer | null = null;
const openSockets = new Set<net.Socket>();
let transition: Promise<void> = Promise.resolve();

function createSmtpServer(): SMTPServer {
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    size: SIZE_LIMIT,
    logger: false,
    closeTimeout: 200,
    banner: "smtp-catcher",
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username || "anonymous" });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (err: Error) => callback(err));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          const err = new Error("Message exceeds fixed maximum message size") as Error & { responseCode?: number };
          err.responseCode = 552;
          callback(err);
          return;
        }
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        const rcptTo = session.envelope.rcptTo.map((r) => r.address);
        storeMessage(Buffer.concat(chunks), envelopeFrom, rcptTo).then(
          (m) => callback(null, `Message queued as ${m.id}`),
          (err: Error) => callback(err),
        );
      });
    },
  });
  server.on("error", (err) => {
    if (VERBOSE) console.error("smtp-catcher smtp error:", err.message);
  });
  server.server.on("connection", (socket: net.Socket) => {
    openSockets.add(socket);
    socket.on("close", () => openSockets.delete(socket));
  });
  return server;
}

function startSmtp(): Promise<void> {
  if (smtp) return Promise.resolve();
  const server = createSmtpServer();
  return new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      server.server.off("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.server.off("error", onError);
      smtp = server;
      resolve();
    };
    server.server.once("error", onError);
    server.server.once("listening", onListening);
    server.listen(SMTP_PORT, HOST);
  });
}

function stopSmtp(): Promise<void> {
  const server = smtp;
  if (!server) return Promise.resolve();
  smtp = null;
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    // Stop accepting connections, then drop every open session (simulates an outage,
    // including for pooled client connections).
    server.close(finish);
    for (const socket of openSockets) socket.destroy();
    openSockets.clear();
    // net.Server#close calls back once all sockets are gone; guard anyway.
    setTimeout(finish, 1000).unref();
  });
}

/** Serialises /up and /down so concurrent calls cannot interleave. */
function serialize(fn: () => Promise<void>): Promise<void> {
  const next = transition.then(fn, fn);
  transition = next.catch(() => undefined);
  return next;
}

// ---------------------------------------------------------------------------
// HTTP control API
// ---------------------------------------------------------------------------

function publicView(m: StoredMessage): CaughtMessage {
  return {
    id: m.id,
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: m.headers,
    receivedAt: m.receivedAt,
    envelopeFrom: m.envelopeFrom,
    attachments: m.attachments,
  };
}

function send(res: http.ServerResponse, status: number, body: unknown, type = "application/json"): void {
  const payload = type === "application/json" ? JSON.stringify(body) : String(body);
  res.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
  res.end(payload);
}

const control = http.createServer((req, res) => {
  const url = new URL(req.url || "/", `http://${HOST}:${CONTROL_PORT}`);
  const method = req.method || "GET";
  const path = url.pathname.replace(/\/+$/, "") || "/";

  const handle = async (): Promise<void> => {
    if (method === "GET" && path === "/health") return send(res, 200, "ok", "text/plain");
    if (method === "GET" && path === "/messages") {
      const to = url.searchParams.get("to")?.trim().toLowerCase();
      const list = to ? messages.filter((m) => m.to.some((addr) => addr.toLowerCase() === to)) : messages;
      return send(res, 200, list.map(publicView));
    }
    const rawMatch = /^\/messages\/(\d+)\/raw$/.exec(path);
    if (method === "GET" && rawMatch) {
      const m = messages.find((x) => x.id === Number(rawMatch[1]));
      return m ? send(res, 200, m.raw.toString("utf-8"), "text/plain") : send(res, 404, { error: "not found" });
    }
    if (method === "DELETE" && path === "/messages") {
      messages.length = 0;
      return send(res, 200, { ok: true });
    }
    if (method === "POST" && path === "/down") {
      await serialize(stopSmtp);
      return send(res, 200, { ok: true, smtp: "down" });
    }
    if (method === "POST" && path === "/up") {
      await serialize(startSmtp);
      return send(res, 200, { ok: true, smtp: "up" });
    }
    return send(res, 404, { error: `no route for ${method} ${url.pathname}` });
  };

  // Drain any request body, then handle.
  req.resume();
  req.on("end", () => {
    handle().catch((err: Error) => send(res, 500, { error: err.message }));
  });
});

function listenControl(): Promise<void> {
  return new Promise((resolve, reject) => {
    control.once("error", reject);
    control.listen(CONTROL_PORT, HOST, () => {
      control.off("error", reject);
      resolve();
    });
  });
}

async function main(): Promise<void> {
  simpleParser = await loadMailparser();
  await startSmtp();
  await listenControl();
  console.log(`smtp-catcher listening smtp=${SMTP_PORT} control=${CONTROL_PORT}`);
}

let shuttingDown = false;
function shutdown(): void {
  if (shuttingDown) return;
  shuttingDown = true;
  control.close();
  stopSmtp().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

main().catch((err: Error) => {
  console.error(`smtp-catcher failed to start: ${err.message}`);
  process.exit(1);
});
