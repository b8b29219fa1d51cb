import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { adminPage, partnerAdminPage } from "./support/admin";
import { DEFAULT_SLUG } from "./support/campaign";

// Every admin page and download is refused without a session. The routes are read from the file
// system (app/admin/**/page.tsx and route.ts), so a page added later is walked too.

const APP_ADMIN = path.resolve(process.cwd(), "app/admin");
/** The only admin pages a visitor without a session may open: signing in itself. */
const PUBLIC = new Set(["/admin/sign-in", "/admin/sign-in/sent", "/admin/sign-in/verify"]);
const SAMPLE: Record<string, string> = { slug: DEFAULT_SLUG, id: "ckabcdefghijklmnopqrstuvw", token: "A".repeat(43) };

type Route = { url: string; kind: "page" | "route"; file: string; catchAll: boolean };

function discover(dir: string, segments: string[] = []): Route[] {
  const found: Route[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // Route groups "(x)" add no segment; private folders "_x" are not routes.
      if (entry.name.startsWith("_")) continue;
      const segment = /^\(.*\)$/.test(entry.name) ? [] : [entry.name];
      found.push(...discover(full, [...segments, ...segment]));
    } else if (/^(page|route)\.(tsx|ts|jsx|js)$/.test(entry.name)) {
      const url =
        "/admin" +
        segments
          .map((s) => {
            const dynamic = s.match(/^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/);
            return "/" + (dynamic ? (SAMPLE[dynamic[1]] ?? "sample") : s);
          })
          .join("");
      const catchAll = segments.some((s) => s.startsWith("[..."));
      found.push({ url, kind: entry.name.startsWith("page") ? "page" : "route", file: path.relative(APP_ADMIN, full), catchAll });
    }
  }
  return found;
}

const ROUTES = discover(APP_ADMIN);
const PROTECTED = ROUTES.filter((r) => !PUBLIC.has(r.url));

test.describe("admin access control", () => {
  test("the walk finds the admin's pages", () => {
    const urls = ROUTES.map((r) => r.url);
    for (const expected of ["/admin", "/admin/sign-in", `/admin/campaigns/${DEFAULT_SLUG}`, `/admin/campaigns/${DEFAULT_SLUG}/delivery`, "/admin/signatures", "/admin/admins"]) {
      expect(urls).toContain(expected);
    }
  });

  test("every admin page and download is refused without a session", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    try {
      for (const route of PROTECTED) {
        for (const method of route.kind === "route" ? ["GET", "POST"] : ["GET"]) {
          const response = await anonymous.fetch(route.url, { method, maxRedirects: 0, headers: { origin: baseURL! } });
          const status = response.status();
          const where = `${method} ${route.url} (${route.file}) answered ${status}`;
          if (status >= 300 && status < 400) {
            expect(new URL(response.headers()["location"], baseURL).pathname, where).toBe("/admin/sign-in");
          } else {
            expect([401, 403, 404, 405], where).toContain(status);
          }
        }
      }
    } finally {
      await anonymous.dispose();
    }
  });

  test("a page opened in a browser without a session lands on the sign-in form", async ({ page }) => {
    for (const route of PROTECTED.filter((r) => r.kind === "page" && !r.catchAll)) {
      await page.goto(route.url);
      await expect(page, route.url).toHaveURL(/\/admin\/sign-in$/);
      await expect(page.getByRole("heading", { name: "Sign in to the campaign admin" })).toBeVisible();
    }
  });

  test("a made-up session cookie opens nothing", async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "__Host-admin-session", value: "A".repeat(43), url: baseURL!.replace(/^http:/, "https:"), secure: true, httpOnly: true, sameSite: "Lax" }]);
    // The browser does send it to the app (a Secure cookie is sent to http://127.0.0.1).
    expect((await context.cookies(baseURL!)).map((c) => c.name)).toContain("__Host-admin-session");
    const page = await context.newPage();
    await page.goto("/admin/signatures");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
    await context.close();
  });

  test("an unknown admin path is the admin's own 404", async ({ browser }) => {
    const page = await adminPage(browser);
    const response = await page.goto("/admin/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.context().close();
  });

  test("an owner opens every admin page", async ({ browser }) => {
    const page = await adminPage(browser);
    // (Sample ids and catch-all paths lead to "not found", for owners too.)
    for (const route of PROTECTED.filter((r) => r.kind === "page" && !r.url.includes("ckabcdefghij") && !r.catchAll)) {
      const response = await page.goto(route.url);
      expect(response?.status(), route.url).toBe(200);
      await expect(page.getByRole("button", { name: "Sign out" }), route.url).toBeVisible();
    }
    await page.context().close();
  });

  test("a partner admin is refused the owners' pages with a 403", async ({ browser }) => {
    const page = await partnerAdminPage(browser, "partner.access@example.org", "Human Rights Watch");
    for (const url of ["/admin/signatures", "/admin/signatures/invalidate", "/admin/admins", `/admin/signatures/${SAMPLE.id}`]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" }), url).toBeVisible();
    }
    await page.context().close();
  });

  test("the admin's pages have no axe (WCAG 2.1 A/AA) violations", async ({ browser, page: anonymous }) => {
    const scan = async (p: typeof anonymous, url: string) => {
      await p.goto(url);
      const { violations } = await new AxeBuilder({ page: p }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(violations.map((v) => `${url}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    };
    await scan(anonymous, "/admin/sign-in");
    await scan(anonymous, "/admin/sign-in?error=invalid");
    const page = await adminPage(browser);
    for (const url of ["/admin", `/admin/campaigns/${DEFAULT_SLUG}`, "/admin/signatures", "/admin/signatures/invalidate", "/admin/admins", `/admin/campaigns/${DEFAULT_SLUG}/delivery`, `/admin/campaigns/${DEFAULT_SLUG}/signatures`, `/admin/campaigns/${DEFAULT_SLUG}/signatures?domain=not+a+domain`, "/admin/signatures?error=erase-confirm"]) {
      await scan(page, url);
    }
    await page.context().close();
  });
});
