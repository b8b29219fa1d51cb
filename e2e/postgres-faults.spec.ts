import { spawn } from "node:child_process";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { TestMailServer, freePort } from "../tests/unit/support/smtp";
import { Receiver } from "./support/data";
import { ROOT, acknowledged, sign, signForm, startApp, startCluster, startWorker, type Cluster, type Proc } from "./support/cluster";

// Faults a PostgreSQL deployment must survive, acted out with real processes and real signals:
// each test runs its own PostgreSQL server, app processes and workers (e2e/support/cluster.ts).
// They run in the PostgreSQL pass of the suite; the SQLite deployment's crash test is
// e2e/durability.spec.ts.

// E2E_FAULTS=1 runs them in any pass (while working on them).
const onPostgres = /^postgres/.test(process.env.E2E_DATABASE_URL ?? "") || process.env.E2E_FAULTS === "1";
test.skip(!onPostgres, "the PostgreSQL deployment's fault tests run in the suite's PostgreSQL pass");
test.describe.configure({ mode: "serial" });

const BASE = Number(process.env.E2E_FAULT_PORT_BASE ?? 3150);
const PG_PORT = Number(process.env.E2E_FAULT_PG_PORT ?? 5650);

let cluster: Cluster | undefined;
const processes: Proc[] = [];

test.afterEach(async () => {
  for (const p of processes.splice(0)) await p.kill("SIGKILL");
  await cluster?.stop();
  cluster = undefined;
});

/** Signs in a loop from `connections` clients until `stop()` says so; records every answer. */
function load(urls: () => string[], form: Awaited<ReturnType<typeof signForm>>, connections: number, prefix: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const acked: string[] = [];
  const answers: { status: number | null; location: string; at: number }[] = [];
  let running = true;
  const done = Promise.all(
    Array.from({ length: connections }, async (_, w) => {
      for (let i = 0; running; i++) {
        const targets = urls();
        const email = `${prefix}.${w}.${i}@example.org`;
        const result = await sign(targets[(w + i) % targets.length], form, email, agent);
        answers.push({ ...result, at: Date.now() });
        if (acknowledged(result)) acked.push(email);
        else if (result.status === null) await new Promise((r) => setTimeout(r, 50));
      }
    }),
  );
  return {
    acked,
    answers,
    async stop() {
      running = false;
      await done;
      agent.destroy();
    },
  };
}

async function storedOnce(c: Cluster, prefix: string, emails: string[]) {
  const rows = await c.query<{ email: string; n: number; mails: number }>(
    `SELECT s.email, count(*)::int AS n,
            (SELECT count(*)::int FROM "OutboxMessage" m WHERE m.channel = 'email' AND m."toAddress" = s.email) AS mails
       FROM "Signature" s WHERE s.email LIKE $1 GROUP BY s.email`,
    [`${prefix}.%`],
  );
  const byEmail = new Map(rows.map((r) => [r.email, r]));
  return {
    lost: emails.filter((e) => !byEmail.has(e)),
    duplicated: rows.filter((r) => r.n !== 1).map((r) => r.email),
    notMailedOnce: emails.filter((e) => byEmail.get(e)?.mails !== 1),
  };
}

test("PostgreSQL restarted during a signing load: a 503 while it is down, recovery without a restart, every acknowledged signing stored once", async () => {
  test.setTimeout(300_000);
  cluster = await startCluster(PG_PORT);
  const app = await startApp(cluster, BASE);
  processes.push(app);
  const form = await signForm(app.url);
  const run = load(() => [app.url], form, 20, "restart");

  await expect.poll(() => run.acked.length, { timeout: 60_000 }).toBeGreaterThan(100);
  const beforeRestart = run.acked.length;
  const restartedAt = Date.now();
  await cluster.pg.restart(4_000);
  const upAt = Date.now();
  // The app recovers by itself: signings succeed again on the same process.
  await expect.poll(() => run.acked.length, { timeout: 60_000 }).toBeGreaterThan(beforeRestart + 100);
  await run.stop();

  // While the database was down, people were told so: the form post went to the 503 page.
  const during = run.answers.filter((a) => a.at >= restartedAt && a.at <= upAt);
  const unavailable = during.filter((a) => a.status === 303 && a.location.includes("/unavailable"));
  const seen = [...new Set(run.answers.map((a) => `${a.status} ${a.location.replace(/^https?:\/\/[^/]+/, "")}`))];
  expect(unavailable.length, `answers seen: ${seen.join(", ")}`).toBeGreaterThan(0);
  // Nothing else went wrong: every answer was a success or the 503 path (no 500, no dropped connection).
  const other = run.answers.filter((a) => !(a.status === 303 && (a.location.includes("/check-email") || a.location.includes("/unavailable"))));
  expect(other).toEqual([]);
  const page = await fetch(`${app.url}${unavailable[0].location.replace(/^https?:\/\/[^/]+/, "")}`);
  expect(page.status).toBe(503);
  expect(page.headers.get("retry-after")).toBe("30");
  expect(await page.text()).toContain("nothing was saved");
  expect(app.child.exitCode).toBeNull();

  const check = await storedOnce(cluster, "restart", run.acked);
  expect(check.lost).toEqual([]);
  expect(check.duplicated).toEqual([]);
  expect(check.notMailedOnce).toEqual([]);
});

test("one of two app processes killed with SIGKILL during a load: the other keeps serving and no acknowledged signature is lost", async () => {
  test.setTimeout(300_000);
  cluster = await startCluster(PG_PORT);
  const [a, b] = await Promise.all([startApp(cluster, BASE), startApp(cluster, BASE + 1)]);
  processes.push(a, b);
  const form = await signForm(a.url);
  let targets = [a.url, b.url];
  const run = load(() => targets, form, 30, "killed");

  await expect.poll(() => run.acked.length, { timeout: 60_000 }).toBeGreaterThan(200);
  await a.kill("SIGKILL");
  targets = [b.url];
  const afterKill = run.acked.length;
  await expect.poll(() => run.acked.length, { timeout: 60_000 }).toBeGreaterThan(afterKill + 100);
  await run.stop();
  expect(b.child.exitCode).toBeNull();

  const check = await storedOnce(cluster, "killed", run.acked);
  expect(check.lost).toEqual([]);
  expect(check.duplicated).toEqual([]);
  expect(check.notMailedOnce).toEqual([]);
});

test("SMTP down while 500 people sign: once it is back, 500 emails arrive, each exactly once", async () => {
  test.setTimeout(300_000);
  const smtp = new TestMailServer(await freePort());
  cluster = await startCluster(PG_PORT, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: '"Speak Out" <campaign@example.org>' });
  const app = await startApp(cluster, BASE);
  processes.push(app);
  // Two workers: the outbox is shared, and each email must still go out once.
  processes.push(startWorker(cluster), startWorker(cluster));
  const form = await signForm(app.url);

  const emails = Array.from({ length: 500 }, (_, i) => `smtpdown.${i}@example.org`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
  const results: boolean[] = [];
  for (let i = 0; i < emails.length; i += 20) {
    results.push(...(await Promise.all(emails.slice(i, i + 20).map((e) => sign(app.url, form, e, agent)))).map(acknowledged));
  }
  agent.destroy();
  expect(results.filter(Boolean)).toHaveLength(500);
  // The workers have tried and failed meanwhile: nothing arrived, and nothing was given up.
  await expect.poll(async () => (await cluster!.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE attempts > 0`))[0].n, { timeout: 30_000 }).toBeGreaterThan(0);

  await smtp.start();
  try {
    await expect.poll(() => smtp.received.length, { timeout: 120_000, intervals: [500] }).toBeGreaterThanOrEqual(500);
    // A settle window: a duplicate sent late would show here.
    await new Promise((r) => setTimeout(r, 3_000));
    const perAddress = new Map<string, number>();
    for (const m of smtp.received) for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect(emails.filter((e) => perAddress.get(e) !== 1)).toEqual([]);
    expect(smtp.received).toHaveLength(500);
  } finally {
    await smtp.stop();
  }
});

test("two workers, 1,000 queued emails and 100 queued webhooks: each delivered exactly once", async () => {
  test.setTimeout(300_000);
  const smtp = new TestMailServer(await freePort());
  await smtp.start();
  const receiver = new Receiver(await freePort());
  await receiver.start();
  try {
    cluster = await startCluster(PG_PORT, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: '"Speak Out" <campaign@example.org>' });
    // Queued as the app queues them (lib/outbox/message.ts): the channel's payload as JSON.
    await cluster.query(
      `INSERT INTO "WebhookEndpoint" (id, url, secret, events, "createdAt") VALUES ('fault-endpoint', $1, 'fault-secret', 'signature.confirmed', now())`,
      [receiver.url],
    );
    await cluster.query(
      `INSERT INTO "OutboxMessage" (id, channel, kind, "toAddress", payload, status, attempts, "nextAttemptAt", "createdAt")
       SELECT 'mail-' || n, 'email', 'signature.confirm', 'queued.' || n || '@example.org',
              json_build_object('to', 'queued.' || n || '@example.org', 'subject', 'Please confirm', 'text', 'Message ' || n, 'html', '<p>Message ' || n || '</p>')::text,
              'pending', 0, now(), now()
         FROM generate_series(1, 1000) AS n`,
    );
    await cluster.query(
      `INSERT INTO "OutboxMessage" (id, channel, kind, "endpointId", "toAddress", payload, status, attempts, "nextAttemptAt", "createdAt")
       SELECT 'hook-' || n, 'webhook', 'signature.confirmed', 'fault-endpoint', $1,
              json_build_object('url', $1::text, 'endpointId', 'fault-endpoint', 'body', json_build_object('event', 'signature.confirmed', 'osdi:signature', json_build_object('identifiers', json_build_array('speakout:sig-' || n)))::text)::text,
              'pending', 0, now(), now()
         FROM generate_series(1, 100) AS n`,
      [receiver.url],
    );
    const workers = [startWorker(cluster), startWorker(cluster)];
    processes.push(...workers);

    await expect.poll(() => smtp.received.length + receiver.received.length, { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(1_100);
    await new Promise((r) => setTimeout(r, 3_000)); // a duplicate sent late would show here

    const mails = new Map<string, number>();
    for (const m of smtp.received) for (const to of m.to) mails.set(to, (mails.get(to) ?? 0) + 1);
    expect(mails.size).toBe(1_000);
    expect([...mails.values()].every((n) => n === 1)).toBe(true);
    const hooks = new Map<string, number>();
    for (const d of receiver.received) {
      const id = JSON.parse(d.body)["osdi:signature"].identifiers[0] as string;
      hooks.set(id, (hooks.get(id) ?? 0) + 1);
    }
    expect(hooks.size).toBe(100);
    expect([...hooks.values()].every((n) => n === 1)).toBe(true);
    expect(receiver.received.every((d) => d.headers["x-speakout-signature"])).toBe(true);
    const status = await cluster.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM "OutboxMessage" GROUP BY status`);
    expect(status).toEqual([{ status: "sent", n: 1_100 }]);
    expect(workers.every((w) => w.child.exitCode === null)).toBe(true);
  } finally {
    await smtp.stop();
    await receiver.stop();
  }
});

test("three processes started at once on a new database all migrate it and load the content, one after the other", async () => {
  test.setTimeout(300_000);
  cluster = await startCluster(PG_PORT);
  const fresh = cluster.pg.database("started_together");
  const runs = await Promise.all(
    [1, 2, 3].map(
      () =>
        new Promise<{ code: number | null; output: string }>((resolve) => {
          const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"], {
            cwd: ROOT,
            env: { ...cluster!.env, DATABASE_URL: fresh },
            stdio: ["ignore", "pipe", "pipe"],
          });
          let output = "";
          child.stdout.on("data", (d) => (output += d));
          child.stderr.on("data", (d) => (output += d));
          child.on("exit", (code) => resolve({ code, output }));
        }),
    ),
  );
  expect(runs.map((r) => r.code), runs.map((r) => r.output.slice(-2000)).join("\n----\n")).toEqual([0, 0, 0]);
  for (const r of runs) expect(r.output).toContain("Loaded 1 campaign(s)");
  const pg = await import("pg");
  const client = new pg.default.Client({ connectionString: fresh });
  await client.connect();
  try {
    const migrations = await client.query(`SELECT count(*)::int AS n, count(DISTINCT migration_name)::int AS d FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
    expect(migrations.rows[0].n).toBe(migrations.rows[0].d);
    expect(migrations.rows[0].n).toBeGreaterThanOrEqual(2);
    const campaigns = await client.query(`SELECT count(*)::int AS n FROM "Campaign"`);
    expect(campaigns.rows[0].n).toBe(1);
  } finally {
    await client.end();
  }
});
