import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { attributionFor, DEFAULT_SLUG, fillSignForm, signaturesFor, submitSignForm, uniqueEmail } from "./support/campaign";
import { extractLink, waitForMail } from "./support/mail";

// A supporter signs, shares her link, a friend signs through it: the friend's signature records
// her code and the channel, and her private page counts it. With JavaScript on and off.

async function signAndConfirm(page: Page, path: string, signer: { name: string; email: string }, referer?: string) {
  await page.goto(path, referer ? { referer } : undefined);
  await fillSignForm(page, signer);
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const mail = await waitForMail(signer.email);
  const confirmUrl = extractLink(mail.text, "/confirm/");
  const statsUrl = extractLink(mail.text, "/referrals/");
  await page.goto(confirmUrl);
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page.getByTestId("confirm-result")).toHaveText(/your signature is confirmed/);
  return { confirmUrl, statsUrl };
}

async function referralCount(page: Page, statsUrl: string): Promise<number> {
  await page.goto(statsUrl);
  return Number(await page.getByTestId("referral-count").getAttribute("data-count"));
}

// Every rule, best-practice included: these are public pages (issue 10).
const axe = (page: Page) => new AxeBuilder({ page });

async function newPage(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  return { context, page: await context.newPage() };
}

test.describe("referral links", () => {
  test("A shares her link, B signs through it, A's private page says 1 and B's signature records A's code and the channel", async ({ browser }) => {
    const a = await newPage(browser, true);
    await a.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const amina = { name: "Amina Referrer", email: uniqueEmail("referrer") };
    const { statsUrl, confirmUrl } = await signAndConfirm(a.page, `/c/${DEFAULT_SLUG}`, amina);

    // The page after confirming has the full share panel with her code in every link.
    const code = (await attributionFor(amina.email)).referralCode;
    expect(code).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{10}$/);
    const panel = a.page.getByTestId("share-panel");
    await expect(panel.getByRole("heading", { name: "Ask others to sign" })).toBeVisible();
    const shareLink = await panel.getByLabel("Link to share").inputValue();
    expect(new URL(shareLink).searchParams.get("ref")).toBe(code);
    expect(new URL(shareLink).searchParams.get("utm_source")).toBe("copy");
    expect(new URL(shareLink).searchParams.get("utm_medium")).toBe("share");
    for (const [name, host] of [
      ["Share by email", null],
      ["Share on WhatsApp", "wa.me"],
      ["Share on Telegram", "t.me"],
      ["Share on X", "x.com"],
      ["Share on Facebook", "www.facebook.com"],
      ["Share on Bluesky", "bsky.app"],
      ["Share on LinkedIn", "www.linkedin.com"],
    ] as const) {
      const href = (await panel.getByRole("link", { name }).getAttribute("href"))!;
      if (host) expect(new URL(href).host).toBe(host);
      else expect(href).toMatch(/^mailto:\?subject=/);
      expect(decodeURIComponent(href)).toContain(`ref=${code}`);
    }
    expect((await axe(a.page).analyze()).violations).toEqual([]);

    // The same link opened again (already confirmed) still offers her links.
    await a.page.goto(confirmUrl);
    await expect(a.page.getByTestId("confirm-result")).toHaveText(/already confirmed/);
    expect(await panel.getByLabel("Link to share").inputValue()).toBe(shareLink);

    await panel.getByRole("button", { name: "Copy link" }).click();
    await expect(panel.getByTestId("copy-status")).toHaveText("Copied");
    expect(await a.page.evaluate(() => navigator.clipboard.readText())).toBe(shareLink);

    expect(await referralCount(a.page, statsUrl)).toBe(0);
    await expect(a.page.getByText("No one has signed through your links yet.")).toBeVisible();
    expect((await axe(a.page).analyze()).violations).toEqual([]);

    // B opens the link in her own browser, coming from another site.
    const b = await newPage(browser, true);
    const bilal = { name: "Bilal Friend", email: uniqueEmail("referred") };
    await signAndConfirm(b.page, shareLink, bilal, "https://friends.example.net/some/post");

    expect(await referralCount(a.page, statsUrl)).toBe(1);
    await expect(a.page.getByText("1 person has signed through your links.")).toBeVisible();
    // The private page says how many, never who.
    await expect(a.page.locator("main")).not.toContainText("Bilal");

    const referred = await attributionFor(bilal.email);
    expect(referred).toMatchObject({
      source: "referral",
      refCode: code,
      referredById: (await attributionFor(amina.email)).id,
      utmSource: "copy",
      utmMedium: "share",
      referrerHost: "friends.example.net",
      partnerSlug: null,
    });
    await a.context.close();
    await b.context.close();
  });

  test("the same referral flow with JavaScript disabled", async ({ browser }) => {
    const a = await newPage(browser, false);
    const dilnur = { name: "Dilnur NoScript", email: uniqueEmail("referrer-nojs") };
    const { statsUrl } = await signAndConfirm(a.page, `/c/${DEFAULT_SLUG}`, dilnur);
    const code = (await attributionFor(dilnur.email)).referralCode!;
    expect(code).toBeTruthy();

    // Plain links work without JavaScript: take the Telegram one's URL.
    const telegram = (await a.page.getByRole("link", { name: "Share on Telegram" }).getAttribute("href"))!;
    const shared = new URL(telegram).searchParams.get("url")!;
    expect(new URL(shared).searchParams.get("ref")).toBe(code);
    expect(await referralCount(a.page, statsUrl)).toBe(0);

    const b = await newPage(browser, false);
    const erkin = { name: "Erkin Plainform", email: uniqueEmail("referred-nojs") };
    await signAndConfirm(b.page, shared, erkin);
    expect((await signaturesFor(erkin.email))[0].status).toBe("confirmed");

    expect(await referralCount(a.page, statsUrl)).toBe(1);
    expect(await attributionFor(erkin.email)).toMatchObject({ source: "referral", refCode: code, utmSource: "telegram", utmMedium: "share" });
    await a.context.close();
    await b.context.close();
  });

  test("an unknown ref code is kept as given but credits nobody; the private page refuses a wrong token", async ({ page, request }) => {
    const email = uniqueEmail("unknown-ref");
    await page.goto(`/c/${DEFAULT_SLUG}?ref=zzzzzzzzzz&utm_source=newsletter&utm_campaign=autumn`);
    await fillSignForm(page, { name: "Gulnar Unknown", email });
    await submitSignForm(page);
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    expect(await attributionFor(email)).toMatchObject({ source: "utm", refCode: "zzzzzzzzzz", referredById: null, utmSource: "newsletter", utmCampaign: "autumn" });

    const wrong = await request.get(`/referrals/${"x".repeat(43)}`);
    expect(await wrong.text()).toContain("This link is not valid.");
    expect(wrong.headers()["referrer-policy"]).toBe("same-origin");
    expect(wrong.headers()["x-robots-tag"]).toBe("noindex");
  });

  test("without JavaScript, the attribution survives a form sent back with errors", async ({ browser }) => {
    const { context, page } = await newPage(browser, false);
    const email = uniqueEmail("nojs-error");
    await page.goto(`/c/${DEFAULT_SLUG}?utm_source=newsletter&utm_medium=email&utm_campaign=winter`, { referer: "https://lists.example.org/archive" });
    await fillSignForm(page, { name: "Mihrigul Retry", email: "not-an-address" });
    await submitSignForm(page);
    // (the message is under the field and, as a link to it, in the error summary: ADR 057)
    await expect(page.locator("#email-error")).toHaveText("Enter an email address in the form name@example.org.");
    await page.getByLabel("Email address").fill(email);
    await submitSignForm(page);
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    expect(await attributionFor(email)).toMatchObject({
      source: "utm",
      utmSource: "newsletter",
      utmMedium: "email",
      utmCampaign: "winter",
      referrerHost: "lists.example.org",
    });
    await context.close();
  });
});
