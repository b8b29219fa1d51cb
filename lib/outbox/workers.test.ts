import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, testDialect, type TestDatabase } from "@/tests/unit/support/database";
import { freePort, TestMailServer } from "@/tests/unit/support/smtp";
import { WebhookReceiver } from "@/tests/unit/support/webhook-receiver";

// `npm run worker` as users run it: real worker processes (scripts/worker.ts) on one database,
// a real SMTP server and a real HTTP receiver. Messages are queued by this process, as an app
// process with OUTBOX_DISPATCHER=off would. On PostgreSQL the workers poll only once a minute, so
// a prompt delivery can only come from the NOTIFY of the queuing transaction's commit.

const ROOT = path.resolve(__dirname, "../..");
const postgres = testDialect() === "postgres";
const POLL_MS = postgres ? 60_000 : 200;

let database: TestDatabase;
let mailServer: TestMailServer;
let receiver: WebhookReceiver;
let appDb: typeof import("@/lib/db");
let changes: typeof import("@/lib/db/changes");
let message: typeof import("@/lib/outbox/message");
let endpointId: string;
const running: Worker[] = [];

type Worker = { child: ChildProcess; output: string[]; exited: Promise<number | null> };

beforeAll(async () => {
  database = await createTestDatabase("workers");
  mailServer = new TestMailServer(await freePort());
  receiver = new WebhookReceiver(await freePort());
  await Promise.all([mailServer.start(), receiver.start()]);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    SMTP_URL: `smtp://127.0.0.1:${mailServer.port}`,
    APP_URL: "https://sign.example.org",
    MAIL_FROM: '"Speak Out" <campaign@example.org>',
    OUTBOX_DISPATCHER: "off",
    OUTBOX_POLL_MS: String(POLL_MS),
  });
  appDb = await import("@/lib/db");
  await appDb.disconnectDb();
  changes = await import("@/lib/db/changes");
  message = await import("@/lib/outbox/message");
  endpointId = (await appDb.db().webhookEndpoint.create({ data: { url: receiver.url, secret: "whsec_test", events: "signature.confirmed" } })).id;
}, 60_000);

afterAll(async () => {
  await appDb?.disconnectDb();
  await Promise.all([mailServer?.stop(), receiver?.stop()]);
  await database?.remove();
});

beforeEach(async () => {
  mailServer.received.length = 0;
  receiver.received.length = 0;
  await appDb.db().outboxMessage.deleteMany();
});

afterEach(async () => {
  for (const worker of running.splice(0)) {
    worker.child.kill("SIGKILL");
    await worker.exited;
  }
});

function startWorker(): Promise<Worker> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, OUTBOX_DISPATCHER: "inline" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const worker = { child, output, exited };
  running.push(worker);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output.join("")}`)), 45_000);
    const hear = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join("").includes("[worker] started")) {
        clearTimeout(timer);
        resolve(worker);
      }
    };
    child.stdout!.on("data", hear);
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then((code) => reject(new Error(`worker exited (${code}):\n${output.join("")}`)));
  });
}

async function stopWorker(worker: Worker): Promise<number | null> {
  worker.child.kill("SIGTERM");
  const code = await worker.exited;
  running.splice(running.indexOf(worker), 1);
  return code;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - start;
}

/** Queues emails and webhook deliveries the way the app does: in transactions, through enqueue(). */
async function queue(emails: number, webhooks: number, prefix = "signer"): Promise<void> {
  for (let i = 0; i < Math.max(emails, webhooks); i += 5) {
    await changes.transact(async (tx) => {
      for (let n = i; n < Math.min(i + 5, emails); n++) {
        await message.enqueue(tx, { channel: "email", kind: "signature.confirm", to: `${prefix}${n}@example.org`, subject: `Confirm ${n}`, text: `text ${n}`, html: `<p>html ${n}</p>` });
      }
      for (let n = i; n < Math.min(i + 5, webhooks); n++) {
        await message.enqueue(tx, { channel: "webhook", kind: "signature.confirmed", endpointId, url: receiver.url, body: JSON.stringify({ n }), signatureId: null });
      }
    });
  }
}

describe("two workers on one database", () => {
  it("deliver every queued email and webhook exactly once, and stop cleanly on SIGTERM", async () => {
    const workers = await Promise.all([startWorker(), startWorker()]);
    const EMAILS = 24;
    const WEBHOOKS = 12;
    await queue(EMAILS, WEBHOOKS);

    await waitFor(() => mailServer.received.length >= EMAILS && receiver.received.length >= WEBHOOKS, 30_000);
    await waitFor(async () => (await appDb.db().outboxMessage.count({ where: { status: "sent" } })) === EMAILS + WEBHOOKS, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // a second delivery would arrive now

    expect(mailServer.received).toHaveLength(EMAILS);
    expect(new Set(mailServer.received.map((m) => m.to[0])).size).toBe(EMAILS);
    expect(receiver.received).toHaveLength(WEBHOOKS);
    expect(new Set(receiver.received.map((d) => d.headers["x-speakout-delivery"])).size).toBe(WEBHOOKS);
    expect(receiver.received.map((d) => JSON.parse(d.body).n).sort((a, b) => a - b)).toEqual([...Array(WEBHOOKS).keys()]);
    const rows = await database.rows<{ status: string; lockedUntil: unknown }>(`SELECT status, "lockedUntil" FROM "OutboxMessage"`);
    expect(rows.every((r) => r.status === "sent" && r.lockedUntil === null)).toBe(true);

    for (const worker of workers) {
      expect(await stopWorker(worker)).toBe(0);
      expect(worker.output.join("")).toContain("[worker] stopped");
    }
  }, 90_000);
});

describe.runIf(postgres)("a message queued in another process", () => {
  it("wakes a waiting worker at the commit (NOTIFY), long before its next poll", async () => {
    const worker = await startWorker();
    await new Promise((resolve) => setTimeout(resolve, 500)); // its first round is over; the next poll is a minute away
    const started = Date.now();
    await queue(1, 0, "notified");
    await waitFor(() => mailServer.received.length === 1, 10_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(mailServer.received[0].to).toEqual(["notified0@example.org"]);
    expect(await stopWorker(worker)).toBe(0);
  }, 60_000);
});
