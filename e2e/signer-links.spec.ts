import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { apiCount, DEFAULT_SLUG, fillSignForm, signaturesFor, submitSignForm, uniqueEmail } from "./support/campaign";
import { extractLink, mailsTo, waitForMail } from "./support/mail";

// The signer's own links (ADR 053): the withdrawal link in every email, whose page withdraws only
// from its button; the private referral link, which a repeat signing no longer replaces and which
// the signer can replace from the page itself. Without JavaScript: plain form posts.

// Every rule, best-practice included: these are public pages (issue 10).
const axe = (page: Page) => new AxeBuilder({ page });

async function noScriptPage(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return { context, page: await context.newPage() };
}

async function sign(page: Page, signer: { name: string; email: string }) {
  await page.goto(`/c/${DEFAULT_SLUG}`);
  await fillSignForm(page, signer);
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

async function confirm(page: Page, confirmUrl: string) {
  await page.goto(confirmUrl);
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page.getByTestId("confirm-result")).toHaveText(/your signature is confirmed/);
}

test.describe("withdrawal by the signer", () => {
  test("the email carries a withdrawal link; a GET changes nothing; the button withdraws and the count drops; a second use is harmless", async ({ browser, request }) => {
    const { context, page } = await noScriptPage(browser);
    const signer = { name: "Nursultan Withdraws", email: uniqueEmail("withdraw") };
    const before = await apiCount(request);
    await sign(page, signer);
    const mail = await waitForMail(signer.email);
    const withdrawUrl = extractLink(mail.text, "/withdraw/");
    expect(new URL(withdrawUrl).origin).toBe(process.env.E2E_APP_URL);
    expect(new URL(withdrawUrl).pathname).toMatch(/^\/withdraw\/[A-Za-z0-9_-]{43}$/);
    expect(mail.html).toContain(`href="${withdrawUrl}"`);
    await confirm(page, extractLink(mail.text, "/confirm/"));
    expect(await apiCount(request)).toBe(before + 1);

    // What a mail scanner does: fetch the link. Nothing is withdrawn.
    const scan = await request.get(withdrawUrl);
    expect(scan.status()).toBe(200);
    expect(await scan.text()).toContain("Withdraw my signature");
    expect(scan.headers()["referrer-policy"]).toBe("same-origin");
    expect(scan.headers()["x-robots-tag"]).toBe("noindex");
    expect(scan.headers()["cache-control"]).toContain("no-store");
    expect(await signaturesFor(signer.email)).toEqual([{ status: "confirmed", fullName: signer.name }]);
    expect(await apiCount(request)).toBe(before + 1);

    await page.goto(withdrawUrl);
    await page.getByRole("button", { name: "Withdraw my signature" }).click();
    await expect(page.getByTestId("withdraw-result")).toHaveText("Your signature has been withdrawn. It is no longer counted.");
    expect(await signaturesFor(signer.email)).toEqual([{ status: "withdrawn", fullName: signer.name }]);
    expect(await apiCount(request)).toBe(before);

    // The link again: it says so, offers no button, changes nothing.
    await page.goto(withdrawUrl);
    await expect(page.getByTestId("withdraw-result")).toHaveText(/already withdrawn/);
    await expect(page.getByRole("button", { name: "Withdraw my signature" })).toHaveCount(0);
    expect(await apiCount(request)).toBe(before);
    await context.close();
  });

  test("the already-signed email carries one too; a made-up link is a 404 that says so", async ({ page, request }) => {
    const signer = { name: "Zumret Twice", email: uniqueEmail("withdraw-again") };
    await sign(page, signer);
    await confirm(page, extractLink(await waitForMail(signer.email), "/confirm/"));
    await sign(page, signer);
    await expect.poll(async () => (await mailsTo(signer.email)).length, { timeout: 20_000 }).toBe(2);
    const second = (await mailsTo(signer.email)).find((m) => m.subject.includes("already"))!;
    expect(second).toBeDefined();
    const withdrawUrl = extractLink(second.text, "/withdraw/");
    await page.goto(withdrawUrl);
    expect((await axe(page).analyze()).violations).toEqual([]);
    await page.getByRole("button", { name: "Withdraw my signature" }).click();
    await expect(page.getByTestId("withdraw-result")).toHaveText(/has been withdrawn/);
    expect((await axe(page).analyze()).violations).toEqual([]);
    expect(await signaturesFor(signer.email)).toEqual([{ status: "withdrawn", fullName: signer.name }]);

    for (const bad of [`/withdraw/${"x".repeat(43)}`, "/withdraw/short"]) {
      const response = await request.get(bad);
      expect(response.status()).toBe(404);
      expect(await response.text()).toContain("This withdrawal link is not valid.");
      await page.goto(bad);
      expect((await axe(page).analyze()).violations).toEqual([]);
    }
  });
});

test.describe("the private referral link", () => {
  test("a repeat signing by someone who knows the address keeps it working; the page's button makes a new one and the old one 404s", async ({ browser, request }) => {
    const { context, page } = await noScriptPage(browser);
    const signer = { name: "Ilham Keeps", email: uniqueEmail("keep-link") };
    await sign(page, signer);
    const first = await waitForMail(signer.email);
    const statsUrl = extractLink(first.text, "/referrals/");

    // Someone else signs again with her address (another browser): she gets a second email, her link stays.
    const other = await noScriptPage(browser);
    await sign(other.page, signer);
    await other.context.close();
    await expect.poll(async () => (await mailsTo(signer.email)).length, { timeout: 20_000 }).toBe(2);
    const repeat = (await mailsTo(signer.email)).find((m) => m.text !== first.text)!;
    expect(repeat.text).not.toContain("/referrals/");
    expect((await request.get(statsUrl)).status()).toBe(200);

    await confirm(page, extractLink(repeat.text, "/confirm/"));
    await page.goto(statsUrl);
    await expect(page.getByTestId("referral-count")).toHaveAttribute("data-count", "0");

    // She asks for a new link from the page itself.
    await page.getByRole("button", { name: "Make a new private link" }).click();
    await expect(page.getByTestId("referral-renewed")).toHaveText(/This is your new private link/);
    const renewed = new URL(page.url());
    expect(renewed.pathname).toMatch(/^\/referrals\/[A-Za-z0-9_-]{43}$/);
    expect(renewed.pathname).not.toBe(new URL(statsUrl).pathname);
    await expect(page.getByTestId("referral-count")).toHaveAttribute("data-count", "0");

    const old = await request.get(statsUrl);
    expect(old.status()).toBe(404);
    expect(await old.text()).toContain("This link is not valid.");
    expect((await request.get(renewed.pathname)).status()).toBe(200);
    await context.close();
  });
});
