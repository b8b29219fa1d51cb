import { expect, test, type Page } from "@playwright/test";
import { readPng } from "../lib/sharing/png-text";
import { apiCount, DEFAULT_SLUG, fillSignForm, submitSignForm, uniqueEmail } from "./support/campaign";
import { extractLink, waitForMail } from "./support/mail";

const APP_URL = process.env.E2E_APP_URL!;

async function meta(page: Page, key: string): Promise<string | null> {
  return page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute("content");
}

async function previewCount(request: import("@playwright/test").APIRequestContext): Promise<{ count: number; description: string; bytes: Buffer }> {
  const response = await request.get(`/og/${DEFAULT_SLUG}.png`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(response.headers()["cache-control"]).toMatch(/^public, max-age=\d+/);
  const bytes = await response.body();
  const png = readPng(bytes);
  expect([png.width, png.height]).toEqual([1200, 630]);
  return { count: Number(response.headers()["x-signature-count"]), description: png.text.Description, bytes };
}

test.describe("link previews and the count badge", () => {
  test("the preview image is a 1200×630 PNG whose count matches the API, and moves with it", async ({ page, request }) => {
    const before = await previewCount(request);
    expect(before.count).toBe(await apiCount(request));
    expect(before.description).toContain("Secretary-General, speak out on Xinjiang. To: António Guterres");

    const email = uniqueEmail("preview");
    await page.goto(`/c/${DEFAULT_SLUG}`);
    await fillSignForm(page, { name: "Preview Signer", email });
    await submitSignForm(page);
    await page.goto(extractLink((await waitForMail(email)).text, "/confirm/"));
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page.getByTestId("confirm-result")).toHaveText(/confirmed/);

    const after = await previewCount(request);
    const api = await apiCount(request);
    expect(after.count).toBe(api);
    expect(after.count).toBe(before.count + 1);
    expect(after.description).toContain(api === 1 ? "1 person has signed." : `${api.toLocaleString("en")} people have signed.`);
    // The count is drawn into the picture: the pixels change with it.
    expect(after.bytes.equals(before.bytes)).toBe(false);
  });

  test("the campaign page's Open Graph and Twitter tags use absolute URLs, the same for a share link with ?ref=", async ({ page, request }) => {
    const image = `${APP_URL}/og/${DEFAULT_SLUG}.png`;
    for (const path of [`/c/${DEFAULT_SLUG}`, `/c/${DEFAULT_SLUG}?ref=abcdefghjk&utm_source=x&utm_medium=share`, "/"]) {
      await page.goto(path);
      expect(await meta(page, "og:image")).toBe(image);
      expect(await meta(page, "og:image:width")).toBe("1200");
      expect(await meta(page, "og:image:height")).toBe("630");
      expect(await meta(page, "og:url")).toBe(`${APP_URL}/c/${DEFAULT_SLUG}`);
      expect(await meta(page, "og:title")).toBe("Secretary-General, speak out on Xinjiang");
      expect(await meta(page, "twitter:card")).toBe("summary_large_image");
      expect(await meta(page, "twitter:image")).toBe(image);
    }
    const fetched = await request.get(image);
    expect(fetched.status()).toBe(200);
    expect(readPng(await fetched.body()).width).toBe(1200);
    expect((await request.get("/og/no-such-campaign.png")).status()).toBe(404);
  });

  test("the campaign page has a light share panel with plain links", async ({ page }) => {
    await page.goto(`/c/${DEFAULT_SLUG}`);
    const panel = page.getByTestId("share-panel");
    await expect(panel.getByRole("heading", { name: "Share the campaign" })).toBeVisible();
    const link = await panel.getByLabel("Link to share").inputValue();
    expect(new URL(link).searchParams.get("ref")).toBeNull();
    expect(new URL(link).searchParams.get("utm_medium")).toBe("share");
    const whatsapp = (await panel.getByRole("link", { name: "Share on WhatsApp" }).getAttribute("href"))!;
    expect(new URL(whatsapp).searchParams.get("text")).toContain("utm_source=whatsapp");

    // A closed campaign asks nobody to share it.
    await page.goto("/c/closed-test-campaign");
    await expect(page.getByText("This campaign is closed")).toBeVisible();
    await expect(page.getByTestId("share-panel")).toHaveCount(0);
  });

  test("the badge is an accessible, cacheable SVG with the live count", async ({ request }) => {
    const response = await request.get(`/c/${DEFAULT_SLUG}/badge.svg`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers()["cache-control"]).toMatch(/^public, max-age=60\b/);
    const svg = await response.text();
    const count = await apiCount(request);
    const noun = count === 1 ? "confirmed signature" : "confirmed signatures";
    expect(svg).toContain('role="img"');
    expect(svg).toContain(`aria-label="Secretary-General, speak out on Xinjiang: ${count.toLocaleString("en")} ${noun}"`);
    expect(svg).toMatch(/<title>Secretary-General, speak out on Xinjiang: [\d,]+ confirmed signatures?<\/title>/);
    expect((await request.get("/c/no-such-campaign/badge.svg")).status()).toBe(404);
  });

  test("where the browser has the Web Share API, the panel offers it with the tagged link; where not, no button", async ({ browser }) => {
    const withShare = await browser.newContext();
    // The system share sheet lies outside the browser page: stand in for it and record what it gets.
    await withShare.addInitScript(() => {
      Object.defineProperty(navigator, "share", {
        value: async (data: ShareData) => {
          (window as unknown as { shared: ShareData }).shared = data;
        },
      });
    });
    const page = await withShare.newPage();
    await page.goto(`/c/${DEFAULT_SLUG}`);
    await page.getByTestId("share-panel").getByRole("button", { name: "Share…" }).click();
    const shared = await page.waitForFunction(() => (window as unknown as { shared?: ShareData }).shared).then((h) => h.jsonValue() as Promise<ShareData>);
    expect(shared.title).toBe("Secretary-General, speak out on Xinjiang");
    expect(new URL(shared.url!).searchParams.get("utm_source")).toBe("webshare");
    await withShare.close();

    const without = await browser.newContext();
    await without.addInitScript(() => {
      Object.defineProperty(navigator, "share", { value: undefined });
    });
    const plain = await without.newPage();
    await plain.goto(`/c/${DEFAULT_SLUG}`);
    await expect(plain.getByTestId("share-panel").getByRole("button", { name: "Copy link" })).toBeVisible();
    await expect(plain.getByTestId("share-panel").getByRole("button", { name: "Share…" })).toHaveCount(0);
    await without.close();
  });
});
