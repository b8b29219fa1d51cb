import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CLOSED_SLUG, DEFAULT_SLUG, fillSignForm, submitSignForm, uniqueEmail } from "./support/campaign";
import { extractLink, mailsTo, waitForMail } from "./support/mail";

// Who is behind the campaign, and what happens to a supporter's data (issue 10, part 4; ADR 056):
// the privacy notice from the campaign's content, linked from the form, the footer and every email;
// the emails' sender; robots.txt and sitemap.xml.

const APP_URL = process.env.E2E_APP_URL!;
const CONTACT = "privacy@xinjiang-letter.example";
const SECTIONS = ["Who is responsible for your data", "What we store, and why", "Who sees it", "How long we keep it", "How to withdraw your signature or have your data erased"];

async function sign(page: Page, signer: { name: string; email: string }) {
  await page.goto("/");
  await fillSignForm(page, signer);
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

test.describe("the privacy notice", () => {
  test("/privacy names who is responsible and the contact address from the content, and says what is kept, who sees it, for how long and how to remove it", async ({ page }) => {
    const response = await page.goto("/privacy");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("Privacy notice · Speak Out");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("How we handle your data");
    await expect(page.getByTestId("privacy-controller")).toHaveText("The Xinjiang letter coalition");
    await expect(page.getByTestId("privacy-contact")).toHaveAttribute("href", `mailto:${CONTACT}`);
    expect(await page.getByRole("heading", { level: 2 }).allTextContents()).toEqual(SECTIONS);
    // The contact is a link in the notice's text too, where it says how to have data erased.
    const erase = page.getByRole("listitem").filter({ hasText: /^Have your data erased:/ });
    await expect(erase.getByRole("link", { name: CONTACT })).toHaveAttribute("href", `mailto:${CONTACT}`);
    await expect(page.getByRole("listitem").filter({ hasText: /^Withdraw your signature:/ })).toContainText("every email we send you ends with a link that withdraws your signature");
    // The periods come from the configuration (RETENTION_MONTHS_AFTER_CLOSE: the default, 6).
    await expect(page.getByRole("main")).toContainText("6 months after the campaign closes, every signature is anonymised");
    await expect(page.getByRole("main")).toContainText("We do not store your IP address");
    await expect(page.getByRole("main")).toContainText("Each partner sees your details only if you ticked its own");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${APP_URL}/privacy`);
    await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Back to the campaign" })).toHaveAttribute("href", `/c/${DEFAULT_SLUG}`);
  });

  test("/privacy has no accessibility violation (axe: WCAG 2.1 A and AA, and best practices)", async ({ page }) => {
    await page.goto("/privacy");
    // The skip link targets #main, which every page has (ADR 057): no rule is left out.
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    expect(violations).toEqual([]);
  });

  test("is served from the cache, like the campaign pages, and sets no cookie", async ({ request }) => {
    await request.get("/privacy");
    const response = await request.get("/privacy");
    expect(response.status()).toBe(200);
    expect(["HIT", "STALE"]).toContain(response.headers()["x-nextjs-cache"]);
    expect(response.headers()["set-cookie"]).toBeUndefined();
    expect(await response.text()).toContain(CONTACT);
  });

  test("each campaign has its own at /c/<slug>/privacy, with its own organisation and contact; an unknown campaign has none", async ({ page, request }) => {
    await page.goto(`/c/${CLOSED_SLUG}/privacy`);
    await expect(page.getByTestId("privacy-controller")).toHaveText("The test campaign organisation");
    await expect(page.getByTestId("privacy-contact")).toHaveText("privacy@test-campaign.example");
    await expect(page.getByRole("main")).toContainText('is responsible for the data of "Closed test campaign"');
    expect((await request.get("/c/no-such-campaign/privacy")).status()).toBe(404);
  });
});

test.describe("links to the privacy notice", () => {
  test("the form says how a signature is removed and links the notice; the footer links it on every public page", async ({ page }) => {
    await page.goto("/");
    const note = page.getByTestId("sign-privacy");
    await expect(note).toHaveText(
      "By default nothing about you is shown publicly. You can remove your signature at any time with the link in our emails, or ask us to erase your data: how we handle your data.",
    );
    await expect(note.getByRole("link", { name: "how we handle your data" })).toHaveAttribute("href", "/privacy");
    await note.getByRole("link", { name: "how we handle your data" }).click();
    await expect(page).toHaveURL(`${APP_URL}/privacy`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("How we handle your data");

    for (const path of ["/", `/c/${CLOSED_SLUG}`, "/privacy", "/no-such-page"]) {
      await page.goto(path);
      await expect(page.getByRole("contentinfo").getByRole("link", { name: "Privacy notice" })).toHaveAttribute("href", "/privacy");
    }
  });

  test("in a partner's embed the form's link opens the notice in a new tab (the notice may not be framed)", async ({ page }) => {
    await page.goto(`/embed/${DEFAULT_SLUG}?partner=fidh`);
    const link = page.getByTestId("sign-privacy").getByRole("link", { name: "how we handle your data" });
    await expect(link).toHaveAttribute("href", `${APP_URL}/privacy`);
    await expect(link).toHaveAttribute("target", "_blank");
  });

  test("every email a signer gets comes from the coalition at MAIL_FROM's address, is signed by it and links the notice", async ({ page }) => {
    const signer = { name: "Gulnar Privacy", email: uniqueEmail("privacy") };
    await sign(page, signer);
    const confirmation = await waitForMail(signer.email);
    // The display name from the content, the address (and envelope sender) from MAIL_FROM.
    expect(confirmation.from).toMatch(/^"?The Xinjiang letter coalition"? <campaign@example\.org>$/);
    expect(confirmation.envelopeFrom).toBe("campaign@example.org");
    expect(confirmation.text).toContain("\n\n— The Xinjiang letter coalition\n\nHow we handle your data, and how to have it erased:\n");
    expect(confirmation.text).not.toContain("The campaign team");
    const privacyUrl = extractLink(confirmation.text, "/privacy");
    expect(privacyUrl).toBe(`${APP_URL}/privacy`);
    expect(confirmation.html).toContain(`href="${privacyUrl}"`);

    await page.goto(extractLink(confirmation.text, "/confirm/"));
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page.getByTestId("confirm-result")).toHaveText(/your signature is confirmed/);

    // Signing again brings the other email a signer can get: the same sender, signature and link.
    await sign(page, signer);
    await expect.poll(async () => (await mailsTo(signer.email)).length, { timeout: 20_000 }).toBe(2);
    const already = (await mailsTo(signer.email)).find((m) => m.subject.includes("already signed"))!;
    expect(already.from).toMatch(/^"?The Xinjiang letter coalition"? <campaign@example\.org>$/);
    expect(already.text).toContain("— The Xinjiang letter coalition");
    expect(extractLink(already.text, "/privacy")).toBe(`${APP_URL}/privacy`);

    await page.goto(privacyUrl);
    await expect(page.getByTestId("privacy-contact")).toHaveText(CONTACT);
  });
});

test.describe("robots.txt and sitemap.xml", () => {
  test("robots.txt, at the root, keeps crawlers off the confirm, referral, withdrawal, check-email and admin pages and names the sitemap", async ({ request }) => {
    const response = await request.get("/robots.txt");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
    const lines = (await response.text()).split("\n").map((l) => l.trim());
    expect(lines).toContain("User-Agent: *");
    expect(lines).toContain("Allow: /");
    for (const path of ["/confirm/", "/referrals/", "/withdraw/", "/c/*/check-email", "/admin", "/api/"]) expect(lines).toContain(`Disallow: ${path}`);
    expect(lines).toContain(`Sitemap: ${APP_URL}/sitemap.xml`);
    // Nothing public is kept out.
    expect(lines.filter((l) => /^Disallow: \/(privacy|c\/[a-z-]+)?$/.test(l))).toEqual([]);
  });

  test("sitemap.xml lists every campaign page and its privacy notice, absolute from APP_URL, and nothing private", async ({ request }) => {
    const response = await request.get("/sitemap.xml");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/xml/);
    const body = await response.text();
    const locs = [...body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    expect(locs.slice(0, 2)).toEqual([`${APP_URL}/c/${DEFAULT_SLUG}`, `${APP_URL}/privacy`]);
    for (const slug of [CLOSED_SLUG, "ended-test-campaign", "upcoming-test-campaign"]) {
      expect(locs).toContain(`${APP_URL}/c/${slug}`);
      expect(locs).toContain(`${APP_URL}/c/${slug}/privacy`);
    }
    for (const loc of locs) {
      expect(loc.startsWith(`${APP_URL}/`)).toBe(true);
      expect(loc).not.toMatch(/\/(confirm|referrals|withdraw|admin|api)\b/);
    }
    // Every address listed answers.
    for (const loc of locs) expect((await request.get(loc)).status(), loc).toBe(200);
  });
});
