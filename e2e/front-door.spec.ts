import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { adminPage, signThroughForm } from "./support/admin";
import { DEFAULT_SLUG, fillSignForm, submitSignForm, uniqueEmail } from "./support/campaign";
import { dialect } from "./support/db";

// The front door (scripts/server.mjs, lib/http/front.ts): the client address comes from the
// socket, whatever X-Forwarded-For a client sends (ADR 047); bad requests get a clear 4xx, never a
// 500 (ADR 049). Two apps of our own beside the suite's, started as `npm start` starts them, on
// their embedded defaults (TRUSTED_PROXY_HOPS=0) with low per-client limits; the second one's
// APP_URL is https (HSTS), and it is only spoken to with requests, never a browser.

const PORT = Number(process.env.E2E_APP_PORT ?? 3100) + 8;
const HTTPS_PORT = PORT + 1;
const BASE = `http://127.0.0.1:${PORT}`;
const ROOT = path.resolve(import.meta.dirname, "..");
const SIGN_LIMIT = 3;
const ADMIN_LIMIT = 3;

test.skip(dialect() === "postgres", "the apps run on their own SQLite files whatever the run's database; the SQLite pass covers them");

type App = { child: ChildProcess; dir: string; log: () => string };
const apps: App[] = [];

async function startApp(port: number, appUrl: string): Promise<App> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "front-door-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "app.db")}`,
    OUTBOX_DIR: path.join(dir, "outbox"),
    PORT: String(port),
    APP_URL: appUrl,
    ADMIN_EMAILS: "owner@example.org",
    RATE_LIMIT_SIGN_PER_IP_PER_MINUTE: String(SIGN_LIMIT),
    RATE_LIMIT_ADMIN_SIGN_IN_PER_IP_PER_HOUR: String(ADMIN_LIMIT),
  };
  for (const name of ["SMTP_URL", "TRUSTED_PROXY_HOPS", "MAIL_FROM", "RATE_LIMIT_MAIL_PER_ADDRESS_PER_HOUR"]) delete env[name];
  const child = spawn(process.execPath, ["scripts/start.mjs"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const app = { child, dir, log: () => log };
  apps.push(app);
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${log}`);
        return fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0);
      },
      { timeout: 120_000, message: `the app on ${port} answers` },
    )
    .toBe(200);
  return app;
}

let app: App;
let httpsApp: App;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  [app, httpsApp] = await Promise.all([startApp(PORT, BASE), startApp(HTTPS_PORT, `https://sign.example.org`)]);
});

test.afterAll(async () => {
  for (const { child, dir } of apps) {
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The server's log has no unhandled error (Next logs those with ⨯ or "Error:"). */
function expectNoServerError(log: string) {
  expect(log).not.toMatch(/⨯|^Error:|Failed to handle request|\[server\]/m);
}

let spoofed = 0;
/** A different made-up X-Forwarded-For for every request of the page, as the attacker sent. */
async function rotateForwardedFor(page: Page) {
  await page.route("**/*", (route) => {
    spoofed += 1;
    return route.continue({ headers: { ...route.request().headers(), "x-forwarded-for": `198.51.100.${spoofed % 250}, 203.0.113.${spoofed % 200}` } });
  });
}

test.describe.serial("with no trusted proxy, a client cannot choose its address", () => {
  test(`signing is limited to ${SIGN_LIMIT} a minute from one connection, whatever X-Forwarded-For it sends`, async ({ page }) => {
    await rotateForwardedFor(page);
    const seen: string[] = [];
    for (let i = 0; i < SIGN_LIMIT + 2; i++) {
      await page.goto(`${BASE}/`);
      await fillSignForm(page, { name: "Rotating Sender", email: `rotating.${i}@example.org`, country: "FR" });
      await submitSignForm(page);
      const answer = page.getByRole("heading", { name: "Check your inbox" }).or(page.getByText("Too many signatures were sent from your connection"));
      await expect(answer.first()).toBeVisible();
      seen.push((await page.getByRole("heading", { name: "Check your inbox" }).count()) ? "accepted" : "limited");
    }
    expect(seen).toEqual([...Array(SIGN_LIMIT).fill("accepted"), "limited", "limited"]);
    expect(spoofed).toBeGreaterThan(SIGN_LIMIT);
  });

  test(`admin sign-in is limited to ${ADMIN_LIMIT} an hour from one connection, whatever X-Forwarded-For it sends`, async ({ page }) => {
    await rotateForwardedFor(page);
    const seen: string[] = [];
    for (let i = 0; i < ADMIN_LIMIT + 2; i++) {
      await page.goto(`${BASE}/admin/sign-in`);
      await page.getByLabel("Email address").fill(i % 2 ? "owner@example.org" : `nobody.${i}@example.org`);
      await page.getByRole("button", { name: "Send me a sign-in link" }).click();
      const answer = page.getByRole("heading", { name: "Check your inbox" }).or(page.getByText("Too many sign-in attempts from your network"));
      await expect(answer.first()).toBeVisible();
      seen.push((await page.getByRole("heading", { name: "Check your inbox" }).count()) ? "accepted" : "limited");
    }
    expect(seen).toEqual([...Array(ADMIN_LIMIT).fill("accepted"), "limited", "limited"]);
  });

  test("the start-up and the refused requests leave no unhandled error in the log", () => {
    expectNoServerError(app.log());
  });
});

test.describe("bad requests get a clear 4xx with the normal error page or JSON", () => {
  test("a malformed percent-encoding in a path is a 400", async ({ request }) => {
    const page = await request.get(`${BASE}/c/%ff%fe`);
    expect(page.status()).toBe(400);
    expect(page.headers()["content-type"]).toMatch(/^text\/html/);
    expect(await page.text()).toContain("<h1>This link is not valid</h1>");
    const api = await request.get(`${BASE}/api/v1/campaigns/%ff`);
    expect(api.status()).toBe(400);
    expect(await api.json()).toMatchObject({ error: "bad_path" });
  });

  test("a method a path does not answer is a 405 with Allow", async ({ request }) => {
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const page = await request.fetch(`${BASE}/c/${DEFAULT_SLUG}`, { method });
      expect(page.status()).toBe(405);
      expect(page.headers()["allow"]).toBe("GET, HEAD, POST");
      expect(await page.text()).toContain("<h1>This kind of request is not supported here</h1>");
      const api = await request.fetch(`${BASE}/api/v1/campaigns/${DEFAULT_SLUG}`, { method });
      expect(api.status()).toBe(405);
      expect(api.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
      expect(await api.json()).toMatchObject({ error: "method_not_allowed" });
    }
  });

  test("a form POST from another origin, or with no Origin, is a 403; a spoofed Host does not help", async ({ request }) => {
    const body = "--x\r\nContent-Disposition: form-data; name=\"fullName\"\r\n\r\nA\r\n--x--\r\n";
    const headers = { "content-type": "multipart/form-data; boundary=x", "next-action": "7f" + "0".repeat(40) };
    const cross = await request.post(`${BASE}/`, { headers: { ...headers, origin: "http://evil.example", host: "evil.example", "x-forwarded-host": "evil.example" }, data: body });
    expect(cross.status()).toBe(403);
    expect(await cross.text()).toContain("The form was sent from another site");
    // Playwright adds no Origin of its own to an API request.
    const none = await request.post(`${BASE}/`, { headers, data: body });
    expect(none.status()).toBe(403);
    expect(await none.text()).toContain("without an Origin header");
  });

  test("an oversize form is a 413, a form without a length a 411", async ({ request }) => {
    const big = await request.post(`${BASE}/`, { headers: { origin: BASE, "content-type": "text/plain;charset=UTF-8", "next-action": "7f" + "0".repeat(40) }, data: "a".repeat(1024 * 1024 + 10) });
    expect(big.status()).toBe(413);
    expect(await big.text()).toContain("<h1>What you sent is too large</h1>");
    // A chunked body (no Content-Length), which Next would find oversize only while reading it.
    const chunked = await fetch(`${BASE}/`, {
      method: "POST",
      headers: { origin: BASE, "content-type": "text/plain;charset=UTF-8" },
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("a".repeat(2_000_000))), c.close()) }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
  });

  test("none of these left an unhandled error in the server's log", () => {
    expectNoServerError(app.log());
  });
});

test.describe("security headers", () => {
  test("HSTS only when APP_URL is https; the CSP upgrades requests there", async ({ request }) => {
    const https = await request.get(`http://127.0.0.1:${HTTPS_PORT}/c/${DEFAULT_SLUG}`);
    expect(https.headers()["strict-transport-security"]).toBe("max-age=31536000");
    expect(https.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
    const plain = await request.get(`${BASE}/c/${DEFAULT_SLUG}`);
    expect(plain.headers()["strict-transport-security"]).toBeUndefined();
    expectNoServerError(httpsApp.log());
  });
});

test.describe("the Content-Security-Policy lets the pages' own scripts run, and only those", () => {
  /** Collects CSP violations the browser reports, and waits for Next's scripts to have started. */
  async function watch(page: Page): Promise<string[]> {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    return violations;
  }
  const started = (page: Page) => page.waitForFunction(() => (window as unknown as { next?: { appDir?: boolean } }).next?.appDir === true);

  test("on the cached campaign page and embed (hashes), and on rendered pages (nonces)", async ({ page, request }) => {
    const violations = await watch(page);
    for (const path of ["/", `/c/${DEFAULT_SLUG}`, `/embed/${DEFAULT_SLUG}`, "/admin/sign-in"]) {
      await request.get(path);
      const response = await page.goto(path);
      const csp = response!.headers()["content-security-policy"];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain(path.startsWith("/embed/") ? "frame-ancestors *" : "frame-ancestors 'none'");
      if (path === "/admin/sign-in") expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
      else {
        // Still from the cache: a nonce would have made every view a render.
        expect(["HIT", "STALE"]).toContain(response!.headers()["x-nextjs-cache"]);
        expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]{44}')+$/);
      }
      await started(page);
    }
    expect(violations).toEqual([]);
  });

  test("through signing, confirming by the emailed link, and the admin (nonces)", async ({ page, browser }) => {
    const violations = await watch(page);
    await signThroughForm(page, { name: "Strict Policy", email: uniqueEmail("csp") });
    await started(page);
    expect(page.url()).toContain("/confirm/");

    const admin = await adminPage(browser);
    const adminViolations = await watch(admin);
    const response = await admin.goto("/admin");
    expect(response!.headers()["content-security-policy"]).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    await started(admin);
    await admin.getByRole("link", { name: "Signatures" }).first().click();
    await expect(admin).toHaveURL(/\/admin\/signatures/);
    expect([...violations, ...adminViolations]).toEqual([]);
    await admin.context().close();
  });

  test("a script injected into a cached page does not run", async ({ page }) => {
    const violations = await watch(page);
    // The page as served, with one more inline script: its hash is not in the page's CSP.
    await page.route(`**/c/${DEFAULT_SLUG}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace("</body>", "<script>document.title='injected'</script></body>");
      await route.fulfill({ response, body });
    });
    await page.goto(`/c/${DEFAULT_SLUG}`);
    await started(page);
    expect(await page.title()).not.toBe("injected");
    expect(violations.join("\n")).toMatch(/script-src/);
  });
});
