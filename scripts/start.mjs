#!/usr/bin/env node
// `npm start`: builds the app if the build is missing or older than the sources, prepares the
// database (migrations + campaign content), then runs the app's server, scripts/server.mjs: Next.js
// as `next start` runs it, behind the front that takes the client address from the socket (PORT,
// default 3000).
// Extra arguments `--content DIR` load more content folders (used by the end-to-end tests).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

const BUILD_INPUTS = ["app", "components", "lib", "content/messages", "next.config.ts", "proxy.ts", "instrumentation.ts", "package-lock.json", "tsconfig.json"];

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (entry === path.join("lib", "generated")) return 0;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const buildId = path.join(".next", "BUILD_ID");
const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (BUILD_INPUTS.some((entry) => newestMtime(entry) > builtAt)) {
  console.log(builtAt ? "Sources changed since the last build: building…" : "No build yet: building…");
  run("npx", ["next", "build"]);
}

run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/prepare.ts", ...process.argv.slice(2)]);

const server = spawn(process.execPath, ["scripts/server.mjs"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
