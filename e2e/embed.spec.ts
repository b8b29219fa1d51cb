import AxeBuilder from "@axe-core/playwright";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type FrameLocator } from "@playwright/test";
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
    // A long article with the embed in the middle: the supporter scrolls down to it.
    "/partner-article": `<!doctype html><html lang="en"><head><title>FIDH article</title></head><body style="margin:0">
<h1>Our partner article</h1><div style="height:1500px">Above the petition.</div>
<div id="below-frame-top" style="position:absolute;top:1700px;height:1px;width:1px"></div>
${fidh.html}
<div style="height:2500px">Below the petition.</div></body></html>`,
    // The embed beside a frame of the host's own origin, which may post what it likes.
    "/partner-with-other-frame": `<!doctype html><html lang="en"><head><title>FIDH with widgets</title></head><body>
${fidh.html}
<iframe id="other" src="/other-frame" title="Another widget" style="height:150px;border:0"></iframe></body></html>`,
    // The iframe alone: a test adds the script once the frame has loaded.
    "/partner-late-script": `<!doctype html><html lang="en"><head><title>FIDH, slow script</title></head><body>
${fidh.html.split("\n").filter((line) => !line.includes("<script")).join("\n")}</body></html>`,
    "/other-frame": `<!doctype html><html lang="en"><head><title>Widget</title></head><body>A widget</body></html>`,
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

  test("after signing inside the iframe of a scrolled page, the iframe shrinks to its new content and the host brings its top into view", async ({ page }) => {
    // The host page opens scrolled to just below the frame's top (an anchor), as if the reader
    // had scrolled there: the frame's first page must not move the host page.
    await page.goto(`${hostOrigin}/partner-article#below-frame-top`);
    const iframe = page.locator("iframe[data-speakout-embed]");
    const frame = page.frameLocator("iframe[data-speakout-embed]");
    await expect(frame.getByRole("heading", { level: 1 })).toHaveText("Secretary-General, speak out on Xinjiang");
    await expect.poll(() => iframe.evaluate((el) => (el as HTMLIFrameElement).style.height)).toMatch(/^\d+px$/);
    const formHeight = await iframe.evaluate((el) => el.getBoundingClientRect().height);
    expect(Math.abs(formHeight - (await contentHeight(frame)))).toBeLessThanOrEqual(50);
    const anchor = await page.evaluate(() => document.getElementById("below-frame-top")!.offsetTop);
    expect(await iframe.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(anchor);

    await frame.getByLabel("Full name").fill("Gulbahar Scrolled");
    await frame.getByLabel("Email address").fill(uniqueEmail("embed-resize"));
    await frame.getByLabel("Country").selectOption("FR");
    await frame.getByRole("button", { name: /^Sign/ }).click();
    const heading = frame.getByRole("heading", { level: 1, name: "Check your inbox" });
    await expect(heading).toBeVisible();
    expect(page.url()).toBe(`${hostOrigin}/partner-article#below-frame-top`);

    // The frame shrank to its new content (the sign form made it far taller)...
    await expect.poll(async () => Math.abs((await iframe.evaluate((el) => el.getBoundingClientRect().height)) - (await contentHeight(frame)))).toBeLessThanOrEqual(50);
    expect(await iframe.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(formHeight - 200);
    // ...and the heading is on the host's screen, though the page below the frame is still long.
    const viewport = page.viewportSize()!;
    await expect
      .poll(async () => {
        const box = await heading.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
      })
      .toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollHeight - window.scrollY)).toBeGreaterThan(viewport.height + 1000);
  });

  test("the resize script ignores messages from other origins, from windows that are not its frames, and of any other shape", async ({ page }) => {
    await page.goto(`${hostOrigin}/partner-with-other-frame`);
    const iframe = page.locator("iframe[data-speakout-embed]");
    const frame = page.frameLocator("iframe[data-speakout-embed]");
    await expect(frame.getByRole("heading", { level: 1 })).toBeVisible();
    await expect.poll(() => iframe.evaluate((el) => (el as HTMLIFrameElement).style.height)).toMatch(/^\d+px$/);
    await expect(page.frameLocator("#other").locator("body")).toHaveText("A widget");
    // Every height the script sets from now on, per frame.
    await page.evaluate(() => {
      const log: string[] = [];
      (window as unknown as { heightLog: string[] }).heightLog = log;
      for (const el of Array.from(document.querySelectorAll("iframe"))) {
        new MutationObserver(() => log.push(`${el.id || "embed"}:${el.style.height}`)).observe(el, { attributes: true, attributeFilter: ["style"] });
      }
    });
    const valid = { type: "speakout:embed-height", height: 3000, navigated: true };

    // The host page posting to itself: another origin, and not a frame.
    await page.evaluate((message) => window.postMessage(message, "*"), valid);
    // A frame of another origin, in the same page.
    await page.frameLocator("#other").locator("body").evaluate((_, message) => window.parent.postMessage(message, "*"), valid);
    // The embed itself, in shapes other than the exact one.
    for (const message of [
      { ...valid, height: "3000" },
      { type: valid.type, height: 3000 },
      { ...valid, navigated: "yes" },
      { ...valid, extra: 1 },
      { ...valid, type: "speakout:embed-size" },
      { ...valid, height: Number.POSITIVE_INFINITY },
      { ...valid, height: -5 },
      [valid.type, 3000, true],
      "speakout:embed-height",
      null,
    ]) {
      await frame.locator("body").evaluate((_, m) => window.parent.postMessage(m, "*"), message);
    }
    // Then a valid one from the embed, which arrives after all of the above.
    await frame.locator("body").evaluate(() => window.parent.postMessage({ type: "speakout:embed-height", height: 777, navigated: false }, "*"));
    await expect.poll(() => page.evaluate(() => (window as unknown as { heightLog: string[] }).heightLog)).toContain("embed:777px");
    const log = await page.evaluate(() => (window as unknown as { heightLog: string[] }).heightLog);
    expect(log.filter((entry) => entry.endsWith(":3000px") || entry.startsWith("other:"))).toEqual([]);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  test("a resize script that starts after the frame's first report asks the frame again and sizes it", async ({ page }) => {
    await page.goto(`${hostOrigin}/partner-late-script`);
    const iframe = page.locator("iframe[data-speakout-embed]");
    const frame = page.frameLocator("iframe[data-speakout-embed]");
    await expect(frame.getByTestId("signature-count")).toBeVisible();
    expect(await iframe.evaluate((el) => el.getBoundingClientRect().height)).toBe(720);
    await page.evaluate((src) => {
      const script = document.createElement("script");
      script.src = src;
      document.body.append(script);
    }, `${APP_URL}/embed.js`);
    await expect.poll(async () => Math.abs((await iframe.evaluate((el) => el.getBoundingClientRect().height)) - (await contentHeight(frame)))).toBeLessThanOrEqual(50);
    expect(await iframe.evaluate((el) => el.getBoundingClientRect().height)).not.toBe(720);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
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

  test("the embed's pages have no axe findings, every rule included: the form, a partner's, errors, check-email", async ({ page }) => {
    const axe = async (state: string) => {
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${state}: ${v.id} (${v.nodes.length})`)).toEqual([]);
    };
    await page.goto(`/embed/${DEFAULT_SLUG}?partner=fidh`);
    await axe("embed");
    await page.goto(`/embed/${DEFAULT_SLUG}/p/amnesty-international`);
    await axe("partner embed");
    await submitSignForm(page);
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await axe("embed with errors");
    await fillSignForm(page, { name: "Axe Embed", email: uniqueEmail("embed-axe") });
    await submitSignForm(page);
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    await axe("embed check-email");
  });
});

/** The height of the embed's content, measured inside the frame (not the frame's own height). */
async function contentHeight(frame: FrameLocator): Promise<number> {
  return frame.locator("main").evaluate((el) => {
    const style = getComputedStyle(el);
    return el.getBoundingClientRect().bottom + window.scrollY + parseFloat(style.marginBottom);
  });
}
