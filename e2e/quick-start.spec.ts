import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { fillSignForm, submitSignForm } from "./support/campaign";
import { dialect } from "./support/db";
import { extractLink } from "./support/mail";

// The README's first command on a fresh clone: no mail server, so each email is written to
// data/outbox/ as an .eml file and its links are printed on the console. Started here as
// `npm start` starts it (scripts/start.mjs), with its own database and outbox folder and no
// SMTP_URL, beside the suite's app.

const PORT = Number(process.env.E2E_QUICKSTART_PORT ?? 3105);
const BASE = `http://localhost:${PORT}`;
const ROOT = path.resolve(import.meta.dirname, "..");
const FIRST_OWNER = "first.owner@example.org";

// The app runs on its embedded defaults, whatever database the run uses: the SQLite pass covers it.
test.skip(dialect() === "postgres", "the quick start runs on the embedded default database (SQLite) whatever the run's database; the SQLite pass covers it");

let dir: string;
let server: ChildProcess;
let log = "";

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "quick-start-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${path.join(dir, "app.db")}`, OUTBOX_DIR: path.join(dir, "outbox"), PORT: String(PORT) };
  // Nothing of the suite's own configuration: the embedded defaults.
  for (const name of ["SMTP_URL", "APP_URL", "MAIL_FROM", "ADMIN_EMAILS", "OUTBOX_POLL_MS", "OUTBOX_RETRY_BASE_MS", "RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR", "MAIL_LOG_LINKS", "NODE_ENV"]) delete env[name];
  // …and the first owner, as README "Admin" says to set it.
  env.ADMIN_EMAILS = FIRST_OWNER;
  server = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  await expect
    .poll(
      async () => {
        if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}:\n${log}`);
        return fetch(`${BASE}/api/health`).then((r) => r.status, () => 0);
      },
      { timeout: 120_000, message: "the quick-start server answers" },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    process.kill(-server.pid, "SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

function emlFiles(): string[] {
  const outbox = path.join(dir, "outbox");
  return fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith(".eml")) : [];
}

test("without a mail server, the confirmation email is an .eml file in the outbox folder and its link is on the console", async ({ page }) => {
  const email = "first.supporter@example.org";
  await page.goto(`${BASE}/`);
  await fillSignForm(page, { name: "First Supporter", email, country: "FR" });
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  await expect.poll(() => emlFiles().length, { timeout: 20_000 }).toBe(1);
  const eml = fs.readFileSync(path.join(dir, "outbox", emlFiles()[0]), "utf8");
  expect(eml).toMatch(/^To: first\.supporter@example\.org$/m);
  expect(eml).toMatch(/^Subject: .*Please confirm your signature/m);

  await expect.poll(() => log, { timeout: 10_000 }).toMatch(/\[mail\] +link: http:\/\/localhost:\d+\/confirm\/[A-Za-z0-9_-]{43}/);
  const link = extractLink(log, "/confirm/");
  expect(new URL(link).origin).toBe(BASE);

  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page.getByTestId("confirm-result")).toHaveText(/your signature is confirmed/);
  await expect.poll(async () => (await (await fetch(`${BASE}/api/v1/campaigns/guterres-xinjiang`)).json()).signatureCount, { timeout: 15_000 }).toBe(1);
});

test("the start-up log says in one line that links are logged because no mail server is set", async () => {
  await expect.poll(() => log, { timeout: 10_000 }).toMatch(
    /^\[mail\] no mail server is set \(SMTP_URL\): emails are written to \S+ as \.eml files and their links are logged here, except admin sign-in links, which are only in the \.eml files \(MAIL_LOG_LINKS=1 logs them too\)$/m,
  );
});

test("the first owner signs in from the .eml file, and the sign-in link never reaches the log (npm start runs in production)", async ({ page }) => {
  const before = new Set(emlFiles());
  await page.goto(`${BASE}/admin/sign-in`);
  await page.getByLabel("Email address").fill(FIRST_OWNER);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  await expect.poll(() => emlFiles().filter((f) => !before.has(f)).length, { timeout: 20_000 }).toBe(1);
  const file = emlFiles().find((f) => !before.has(f))!;
  // The .eml holds the link (quoted-printable: soft line breaks and "=" written as =3D).
  const eml = fs.readFileSync(path.join(dir, "outbox", file), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  expect(eml).toMatch(/^To: first\.owner@example\.org$/m);
  const link = extractLink(eml, "/admin/sign-in/verify");
  expect(fs.statSync(path.join(dir, "outbox", file)).mode & 0o077).toBe(0);

  // The log names the file and says why the link is not there.
  await expect.poll(() => log, { timeout: 10_000 }).toContain(file);
  expect(log).toContain("its sign-in link is not logged (MAIL_LOG_LINKS=1 logs it)");
  expect(log).not.toContain("/admin/sign-in/verify");
  expect(log).not.toContain(new URL(link).searchParams.get("token")!);

  await page.goto(link);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
