import AxeBuilder from "@axe-core/playwright";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { attributionFor, consentsFor, DEFAULT_SLUG, fillSignForm, signaturesFor, submitSignForm, uniqueEmail } from "./support/campaign";
import { extractLink, waitForMail } from "./support/mail";

// A partner's page on another origin frames /embed/<slug>?partner=<slug> with the snippet from
// lib/sharing/embed-snippets.ts. "localhost" is another site than the app's "127.0.0.1", so this
// is a real third-party iframe (no cookies of the app's site are sent from it).

const APP_URL = process.env.E2E_APP_URL!;
const HOST_PORT = Number(process.env.E2E_EMBED_HOST_PORT ?? Number(new URL(APP_URL).port) + 50);
process.env.APP_URL = APP_URL; // the snippet's URLs come from the app's configuration

let server: http.Server;
let hostOrigin: string;

test.beforeAll(async () => {
  const { embedSnippets } = await import("../lib/sharing/embed-snippets");
  const [fidh] = embedSnippets({ slug: DEFAULT_SLUG, title: "Secretary-General, speak out on Xinjiang" }, [
    { slug: "fidh", name: "International Federation for Human Rights" },
  ]);
  const pages: Record<string, string> = {
    "/partner": `<!doctype html><html lang="en"><head><title>FIDH news</title></head><body><h1>Our partner page</h1>\n${fidh.html}\n</body></html>`,
    "/framing-site": `<!doctype html><html lang="en"><head><title>Framing</title></head><body><iframe id="site" src="${APP_URL}/c/${DEFAULT_SLUG}" title="site"></iframe></body></html>`,
  };
  server = http.createServer((req, res) => {
    const body = pages[req.url ?? ""];
    res.writeHead(body ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    res.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(HOST_PORT, "127.0.0.1", resolve));
  hostOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

test.describe("partner embeds", () => {
  test("signing inside an iframe on another origin works, stays in the iframe and is attributed to the partner with its consents", async ({ page }) => {
    const startedAt = Date.now();
    await page.goto(`${hostOrigin}/partner`);
    const frame = page.frameLocator("iframe[data-speakout-embed]");
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Secretary-General, speak out on Xinjiang");
    await expect(frame.getByTestId("signature-count")).toBeVisible();

    // The resize script sized the iframe to its content (the snippet says 720px).
    const iframe = page.locator("iframe[data-speakout-embed]");
    await expect.poll(() => iframe.evaluate((el) => (el as HTMLIFrameElement).style.height)).toMatch(/^\d+px$/);
    const contentHeight = await frame.locator("html").evaluate((el) => el.scrollHeight);
    expect(await iframe.evaluate((el) => el.getBoundingClientRect().height)).toBeCloseTo(contentHeight, -1);

    // One box per partner, all off, the hosting partner's first.
    const boxes = frame.getByRole("checkbox", { name: /^Keep me informed by / });
    await expect(boxes).toHaveCount(5);
    await expect(boxes.first()).toHaveAccessibleName("Keep me informed by International Federation for Human Rights");
    for (const box of await boxes.all()) await expect(box).not.toBeChecked();

    const email = uniqueEmail("embed");
    await frame.getByLabel("Full name").fill("Zumret Embedded");
    await frame.getByLabel("Email address").fill(email);
    await frame.getByLabel("Country").selectOption("BE");
    await frame.getByLabel("Keep me informed by International Federation for Human Rights").check();
    await frame.getByLabel("Keep me informed by Amnesty International").check();
    await frame.getByRole("button", { name: /^Sign/ }).click();

    await expect(frame.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    expect(page.url()).toBe(`${hostOrigin}/partner`);

    const link = extractLink((await waitForMail(email)).text, "/confirm/");
    await page.goto(link);
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page.getByTestId("confirm-result")).toHaveText(/confirmed/);
    expect((await signaturesFor(email))[0].status).toBe("confirmed");
    expect(await attributionFor(email)).toMatchObject({ source: "embed", partnerSlug: "fidh", referrerHost: "localhost:" + new URL(hostOrigin).port });

    const consents = await consentsFor(email);
    expect(consents.map(({ scope, wording, locale }) => ({ scope, wording, locale }))).toEqual([
      { scope: "partner:amnesty-international", wording: "Keep me informed by Amnesty International", locale: "en" },
      { scope: "partner:fidh", wording: "Keep me informed by International Federation for Human Rights", locale: "en" },
    ]);
    for (const c of consents) {
      const givenAt = Date.parse(String(c.givenAt));
      expect(givenAt).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(givenAt).toBeLessThanOrEqual(Date.now());
    }
  });

  test("only embed routes may be framed: frame-ancestors on the responses, and Chromium refuses to frame the campaign page", async ({ page, request }) => {
    for (const path of [`/embed/${DEFAULT_SLUG}`, `/embed/${DEFAULT_SLUG}?partner=fidh`, `/embed/${DEFAULT_SLUG}/check-email`]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors *");
      expect(response.headers()["x-frame-options"], path).toBeUndefined();
    }
    for (const path of ["/", `/c/${DEFAULT_SLUG}`, `/c/${DEFAULT_SLUG}/check-email`, `/confirm/${"x".repeat(43)}`, `/referrals/${"x".repeat(43)}`, "/api/health", `/og/${DEFAULT_SLUG}.png`, "/embed.js"]) {
      const response = await request.get(path);
      expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(response.headers()["x-frame-options"], path).toBe("DENY");
    }

    // goto waits for the load event, which waits for the iframe's navigation to end.
    await page.goto(`${hostOrigin}/framing-site`);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame.url()).toMatch(/^chrome-error:/);
    await expect(page.frameLocator("#site").getByRole("heading", { level: 1 })).toHaveCount(0);
  });

  test("without JavaScript, a partner's embed keeps its attribution: the partner, the link's tags and the site it sits on", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/embed/${DEFAULT_SLUG}?partner=amnesty-international&utm_source=partner-site&utm_campaign=winter`, { referer: "https://www.amnesty.example/petitions" });
    const boxes = page.getByRole("checkbox", { name: /^Keep me informed by / });
    await expect(boxes.first()).toHaveAccessibleName("Keep me informed by Amnesty International");
    const email = uniqueEmail("embed-nojs");
    await fillSignForm(page, { name: "Nurgul Plainframe", email, partners: ["Amnesty International"] });
    await submitSignForm(page);
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(`/embed/${DEFAULT_SLUG}/check-email`);
    expect(await attributionFor(email)).toMatchObject({ source: "embed", partnerSlug: "amnesty-international", utmSource: "partner-site", utmCampaign: "winter" });
    expect((await consentsFor(email)).map((c) => c.scope)).toEqual(["partner:amnesty-international"]);
    await context.close();
  });

  test("an embed with an unknown partner attributes to no partner but is still an embed signature", async ({ page }) => {
    await page.goto(`/embed/${DEFAULT_SLUG}?partner=not-a-partner`);
    const email = uniqueEmail("embed-unknown");
    await fillSignForm(page, { name: "Ablikim Direct", email });
    await submitSignForm(page);
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(`/embed/${DEFAULT_SLUG}/check-email`);
    expect(await attributionFor(email)).toMatchObject({ source: "embed", partnerSlug: null });
  });

  test("the embed page has no axe violations", async ({ page }) => {
    await page.goto(`/embed/${DEFAULT_SLUG}?partner=fidh`);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations).toEqual([]);
  });
});
