// A throwaway PostgreSQL server for the tests and benchmarks: a fresh data folder in the system's
// temporary folder, listening on loopback only, removed when stopped. Uses the server binaries of
// the Debian package (`apt-get install -y postgresql`); as root it runs them as the `postgres`
// user, since the server refuses to run as root.
//
//   import { startPostgres } from "./postgres-server.mjs";
//   const pg = await startPostgres({ port: 5544 });   // pg.url: postgresql://…/speakout
//   await pg.stop();
//
//   node scripts/postgres-server.mjs [--port 5544]   runs one until interrupted, printing its URL
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The newest installed PostgreSQL server's bin folder, or null. */
export function postgresBinaries() {
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin", "postgres"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], "bin") : null;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

function runAs(args, options = {}) {
  // The server refuses to run as root: run its tools as the postgres system user.
  return asRoot ? spawnSync("runuser", ["-u", "postgres", "--", ...args], { encoding: "utf8", ...options }) : spawnSync(args[0], args.slice(1), { encoding: "utf8", ...options });
}

async function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export async function startPostgres({ port = 5544, database = "speakout" } = {}) {
  const bin = postgresBinaries();
  if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql: apt-get install -y postgresql");
  while (!(await portFree(port))) port++;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "speakout-pg-"));
  const data = path.join(dir, "data");
  fs.mkdirSync(data);
  if (asRoot) spawnSync("chown", ["-R", "postgres:postgres", dir]);
  const init = runAs([path.join(bin, "initdb"), "-D", data, "-U", "speakout", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const args = [
    path.join(bin, "postgres"), "-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1",
    // A test server: fast and throwaway, but commits still reach the disk (fsync stays on).
    "-c", "shared_buffers=128MB", "-c", "max_connections=200", "-c", "log_min_messages=warning",
  ];
  let server = asRoot ? spawn("runuser", ["-u", "postgres", "--", ...args], { stdio: ["ignore", "pipe", "pipe"] }) : spawn(args[0], args.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = spawnSync(path.join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port)]);
    if (ready.status === 0) break;
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const created = spawnSync(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "speakout", database], { encoding: "utf8" });
  if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);
  const url = `postgresql://speakout@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    bin,
    /** A URL to another database of the same server (created if missing). */
    database(name) {
      spawnSync(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "speakout", name]);
      return `postgresql://speakout@127.0.0.1:${port}/${name}`;
    },
    /** Stops the server (fast shutdown: aborts sessions) and removes its data. */
    async stop() {
      await shutdown(server, data);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    /** Stops the server (fast shutdown) and starts it again on the same data, after `downMs`. */
    async restart(downMs = 0) {
      await shutdown(server, data);
      await new Promise((r) => setTimeout(r, downMs));
      server = await startOn(args, bin, port);
    },
  };
}

/** Fast shutdown (SIGINT to the postmaster), resolved when the spawned process has exited. */
async function shutdown(server, data) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  // As root the spawned process is runuser, which does not pass SIGINT on to the server:
  // signal the postmaster itself (its pid is the first line of postmaster.pid).
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]) || 0;
  } catch {
    // not written yet, or already removed
  }
  try {
    process.kill(pid || server.pid, "SIGINT");
  } catch {
    server.kill("SIGINT");
  }
  await exited;
}

async function startOn(args, bin, port) {
  const server = asRoot ? spawn("runuser", ["-u", "postgres", "--", ...args], { stdio: "ignore" }) : spawn(args[0], args.slice(1), { stdio: "ignore" });
  for (let i = 0; i < 150; i++) {
    if (spawnSync(path.join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port)]).status === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv.includes("--port") ? process.argv[process.argv.indexOf("--port") + 1] : 5544);
  const pg = await startPostgres({ port });
  console.log(pg.url);
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, async () => {
    await pg.stop();
    process.exit(0);
  });
}
