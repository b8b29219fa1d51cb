import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { fillSignForm, submitSignForm } from "./support/campaign";
import { ownDatabase, sqlAt } from "./support/db";
import { allMails, extractLink, waitForMail } from "./support/mail";

// The mail cap and burst handling (ADR 052) through the real form, the real SMTP catcher and the
// admin dashboard. Every e2e request comes from 127.0.0.1, so the main app runs with burst
// detection off: this spec starts a second app (npm start's scripts/start.mjs, its own database of
// the run's kind) with low thresholds, behind one "proxy" (TRUSTED_PROXY_HOPS=1), so that each
// browser page can speak for a client address of its own through X-Forwarded-For.

const PORT = Number(process.env.E2E_APP_PORT ?? 3100) + 7;
const BASE = `http://127.0.0.1:${PORT}`;
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525);
const ROOT = path.resolve(import.meta.dirname, "..");
const OWNER = "suspects-owner@example.org";
const MAIL_CAP = 3;
const PER_CLIENT = 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "suspects-"));
let databaseUrl = "";
let app: ChildProcess | undefined;
const run = Date.now().toString(36);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  databaseUrl = await ownDatabase("suspects", dir);
  app = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      APP_URL: BASE,
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      MAIL_FROM: '"Speak Out" <campaign@example.org>',
      OUTBOX_POLL_MS: "250",
      ADMIN_EMAILS: OWNER,
      ADMIN_DASHBOARD_CACHE_SECONDS: "0",
      TRUSTED_PROXY_HOPS: "1",
      RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR: String(MAIL_CAP),
      SUSPECT_PER_CLIENT: String(PER_CLIENT),
      SUSPECT_PER_DOMAIN: "0",
      SUSPECT_WINDOW_MINUTES: "60",
    },
    stdio: "ignore",
    detached: true,
  });
  await expect
    .poll(
      async () => {
        if (app!.exitCode !== null) throw new Error(`the app exited with ${app!.exitCode}`);
        return fetch(`${BASE}/api/health`).then((r) => r.status, () => 0);
      },
      { timeout: 150_000 },
    )
    .toBe(200);
});

test.afterAll(() => {
  if (app?.pid) process.kill(-app.pid, "SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Signs the default campaign through the form as a client at `address`; the signer sees the usual page. */
async function signAs(page: Page, address: string, name: string, email: string): Promise<void> {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": address });
  await page.goto(`${BASE}/`);
  await fillSignForm(page, { name, email });
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

const caughtAt = async (domain: string) => (await allMails()).filter((m) => m.to.some((to) => to.toLowerCase().endsWith(`@${domain}`)));

/** Waits until the app's outbox holds nothing unsent, so that what the catcher has is all there is. */
async function outboxDrained(): Promise<void> {
  await expect.poll(async () => (await sqlAt<{ n: number }>(databaseUrl, `SELECT count(*) AS n FROM "OutboxMessage" WHERE status = 'pending'`))[0].n, { timeout: 20_000 }).toBe(0);
}

test("eight signings with +tags to one inbox, from eight clients, get at most the cap of emails", async ({ page }) => {
  const domain = `cap-${run}.example.net`;
  for (let i = 1; i <= 8; i++) await signAs(page, `198.51.100.${i}`, `Cap Tester ${i}`, `victim+${i}@${domain}`);

  await expect.poll(async () => (await caughtAt(domain)).length, { timeout: 20_000 }).toBe(MAIL_CAP);
  await outboxDrained();
  expect(await caughtAt(domain)).toHaveLength(MAIL_CAP);
  // Every signing was kept: none is lost, the mail is what is capped.
  const stored = await sqlAt<{ n: number }>(databaseUrl, `SELECT count(*) AS n FROM "Signature" WHERE "emailDomain" = ?`, domain);
  expect(Number(stored[0].n)).toBe(8);
});

test("a burst from one client is held silently until the owner releases it from the dashboard", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const domain = `burst-${run}.example.net`;
  const attacker = "203.0.113.50";
  const emails = Array.from({ length: PER_CLIENT + 2 }, (_, i) => `burst${i}@${domain}`);
  for (const [i, email] of emails.entries()) await signAs(page, attacker, `Burst Signer ${i}`, email);

  // The first ones are mailed; the ones past the threshold get nothing, though they saw the same page.
  await expect.poll(async () => (await caughtAt(domain)).length, { timeout: 20_000 }).toBe(PER_CLIENT);
  await outboxDrained();
  const held = emails.slice(PER_CLIENT);
  expect((await caughtAt(domain)).map((m) => m.to[0]).sort()).toEqual(emails.slice(0, PER_CLIENT).sort());

  // The owner signs in (from another address) and sees the held signatures on the dashboard.
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "192.0.2.10" } });
  const admin = await context.newPage();
  await admin.goto(`${BASE}/admin/sign-in`);
  await admin.getByLabel("Email address").fill(OWNER);
  await admin.getByRole("button", { name: "Send me a sign-in link" }).click();
  const signIn = await waitForMail(OWNER, { subjectIncludes: "sign-in link" });
  await admin.goto(extractLink(signIn, "/admin/sign-in/verify"));
  await admin.getByRole("button", { name: "Sign in" }).click();
  await expect(admin.getByRole("button", { name: "Sign out" })).toBeVisible();

  await admin.goto(`${BASE}/admin/campaigns/guterres-xinjiang`);
  await expect(admin.getByTestId("stat-suspect")).toHaveText(String(held.length));
  await expect(admin.getByTestId("stat-confirmed")).toHaveText("0");
  const clients = admin.getByTestId("suspect-clients");
  const row = clients.getByRole("row").filter({ hasText: /client [A-Za-z0-9_-]{8}/ });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(1)).toHaveText(String(held.length));
  expect(await admin.content()).not.toContain(attacker);
  await expect(admin.getByTestId("suspect-domains").getByRole("row").filter({ hasText: domain })).toBeVisible();
  // The bulk invalidation is one click away.
  await expect(row.getByRole("link", { name: /Invalidate the signatures of client/ })).toBeVisible();

  // Trending now: the same client (its label only) and domain, with all their signatures of the
  // window and how many are held, each one click from the bulk invalidation's preview.
  const label = (await row.getByRole("cell").first().textContent())!.trim();
  const trendingClient = admin.getByTestId("trending-clients").getByRole("row").filter({ hasText: label });
  await expect(trendingClient.getByRole("cell").nth(1)).toHaveText(String(emails.length));
  await expect(trendingClient.getByRole("cell").nth(2)).toHaveText(String(held.length));
  await expect(trendingClient.getByRole("link", { name: `Invalidate the signatures of ${label}` })).toHaveAttribute("href", /by=client&client=[A-Za-z0-9_-]{43}/);
  const trendingDomain = admin.getByTestId("trending-domains").getByRole("row").filter({ hasText: domain });
  await expect(trendingDomain.getByRole("cell").nth(1)).toHaveText(String(emails.length));
  await expect(trendingDomain.getByRole("cell").nth(2)).toHaveText(String(held.length));
  await trendingDomain.getByRole("link", { name: `Invalidate the signatures of ${domain}` }).click();
  await expect(admin.getByTestId("invalidate-preview")).toHaveText(`${emails.length} signatures match: 0 confirmed, ${PER_CLIENT} waiting for confirmation, ${held.length} held as suspect.`);
  await admin.goto(`${BASE}/admin/campaigns/guterres-xinjiang`);

  await row.getByRole("button", { name: /Release the suspect signatures of client/ }).click();
  await expect(admin.getByTestId("suspects-notice")).toHaveText(/2 signatures released/);
  await expect(admin.getByTestId("stat-suspect")).toHaveText("0");

  // Released: their confirmation links arrive, and a confirmed one counts.
  for (const email of held) await waitForMail(email, { subjectIncludes: "confirm" });
  const mail = await waitForMail(held[0], { subjectIncludes: "confirm" });
  await page.goto(extractLink(mail, "/confirm/"));
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page.getByTestId("confirm-result")).toHaveText(/your signature is confirmed/);
  await admin.reload();
  await expect(admin.getByTestId("stat-confirmed")).toHaveText("1");
  await context.close();
});
