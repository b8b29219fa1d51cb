import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startPostgres, type PostgresServer } from "../../scripts/postgres-server.mjs";
import { formOf } from "./form-post";

// A deployment in miniature for the fault tests: a PostgreSQL server of its own, any number of
// app processes (scripts/server.mjs, as `npm start` runs it, on the suite's build) and workers (`npm run worker`) on it, and a
// no-JavaScript signing load. Everything is a real process; faults are real signals.

export const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER = path.join(ROOT, "scripts", "server.mjs");

export type Cluster = {
  pg: PostgresServer;
  url: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  query<T extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
};

/** A PostgreSQL server with a migrated database holding the campaign content. */
export async function startCluster(port: number, env: Record<string, string> = {}): Promise<Cluster> {
  const server = await startPostgres({ port });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cluster-"));
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: server.url,
    OUTBOX_DISPATCHER: "off",
    OUTBOX_DIR: path.join(dir, "outbox"),
    OUTBOX_POLL_MS: "200",
    OUTBOX_RETRY_BASE_MS: "300",
    RATE_LIMIT_SIGN_PER_IP_PER_MINUTE: "1000000",
    // All signing comes from loopback: burst detection (ADR 052) would hold it as suspect.
    SUSPECT_PER_CLIENT: "0",
    SUSPECT_PER_DOMAIN: "0",
    RATE_LIMIT_CONFIRM_PER_IP_PER_MINUTE: "1000000",
    RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: "1000",
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  };
  delete base.SMTP_URL;
  if (env.SMTP_URL) base.SMTP_URL = env.SMTP_URL;
  const prepared = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts"], { cwd: ROOT, env: base, encoding: "utf8" });
  if (prepared.status !== 0) throw new Error(`prepare failed: ${prepared.stderr}${prepared.stdout}`);
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  pool.on("error", () => undefined);
  return {
    pg: server,
    url: server.url,
    dir,
    env: base,
    async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
      return (await pool.query<T>(sql, values)).rows;
    },
    async stop() {
      await pool.end().catch(() => undefined);
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Proc = { child: ChildProcess; url: string; kill(signal?: NodeJS.Signals): Promise<void>; output(): string };

function track(child: ChildProcess, url: string): Proc {
  let output = "";
  child.stdout?.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr?.on("data", (d) => (output = (output + d).slice(-20_000)));
  return {
    child,
    url,
    output: () => output,
    async kill(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return;
      }
      await exited;
    },
  };
}

/** One app process (scripts/server.mjs) on the cluster's database; resolves once /api/health says 200. */
export async function startApp(cluster: Cluster, port: number, env: Record<string, string> = {}): Promise<Proc> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [SERVER, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...cluster.env, PORT: String(port), APP_URL: url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const app = track(child, url);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app on ${port} exited with ${child.exitCode}:\n${app.output()}`);
    const status = await fetch(`${url}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return app;
    if (Date.now() > deadline) throw new Error(`the app on ${port} did not become healthy:\n${app.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** One worker process (`npm run worker`: the outbox dispatcher and periodic jobs). */
export function startWorker(cluster: Cluster, env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...cluster.env, OUTBOX_DISPATCHER: "inline", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  return track(child, "");
}

export type SignForm = { action: string; fields: [string, string][] };

/** The no-JavaScript sign form, read from the page: where it posts (/c/<slug>/sign) and its hidden fields. */
export async function signForm(appUrl: string): Promise<SignForm> {
  const { action, fields } = await formOf(`${appUrl}/`);
  return { action: new URL(action).pathname, fields };
}

export type SignResult = { status: number | null; location: string };

/** One no-JavaScript sign POST; status null when the connection died. */
export function sign(appUrl: string, form: SignForm, email: string, agent?: http.Agent): Promise<SignResult> {
  const boundary = "----cluster";
  const body =
    [...form.fields, ["fullName", "Cluster Signer"], ["email", email], ["country", "FR"]]
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}--\r\n`;
  return new Promise((resolve) => {
    const request = http.request(`${appUrl}${form.action}`, {
      method: "POST",
      agent,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, origin: appUrl, "content-length": Buffer.byteLength(body) },
    });
    request.on("response", (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? null, location: String(response.headers.location ?? "") });
    });
    request.on("error", () => resolve({ status: null, location: "" }));
    request.setTimeout(30_000, () => request.destroy());
    request.end(body);
  });
}

/** A signing was acknowledged: the 303 to the check-your-inbox page. */
export function acknowledged(result: SignResult): boolean {
  return result.status === 303 && result.location.includes("/check-email");
}
