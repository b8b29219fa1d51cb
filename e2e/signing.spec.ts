import { expect, test } from "@playwright/test";
import {
  apiCount,
  DEFAULT_SLUG,
  fillSignForm,
  outboxRowsFor,
  pageCount,
  signaturesFor,
  submitSignForm,
  uniqueEmail,
} from "./support/campaign";
import { extractLink, mailsTo, smtpDown, smtpUp, waitForMail } from "./support/mail";
import { sql } from "./support/db";
import { expectExactlyOnce } from "./support/once";

test.describe("signing with email confirmation", () => {
  test("sign, receive the email, a GET of the link changes nothing, the button confirms, the count moves by one", async ({ page, request }) => {
    const email = uniqueEmail("amina");
    const before = await apiCount(request);
    // Campaign pages come from a cache renewed every few seconds: the page catches up with the API.
    await expect.poll(() => pageCount(page, "/"), { timeout: 20_000 }).toBe(before);

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Secretary-General");
    await fillSignForm(page, { name: "Amina Yusuf", email, country: "DE", comment: "Because it matters." });
    await submitSignForm(page);
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(`/c/${DEFAULT_SLUG}/check-email`);

    const mail = await waitForMail(email);
    expect(mail.subject).toContain("Please confirm your signature");
    expect(mail.text).toContain("Hello Amina Yusuf,");
    expect(mail.html).toContain("<a ");
    const link = extractLink(mail.text, "/confirm/");
    expect(new URL(link).origin).toBe(process.env.E2E_APP_URL);
    expect(new URL(link).pathname).toMatch(/^\/confirm\/[A-Za-z0-9_-]{43}$/);

    // Pending signatures are not counted.
    expect(await apiCount(request)).toBe(before);

    // What a mail scanner does: fetch the link. Nothing is confirmed.
    const scan = await request.get(link);
    expect(scan.status()).toBe(200);
    expect(await scan.text()).toContain("Confirm my signature");
    expect(scan.headers()["referrer-policy"]).toBe("same-origin");
    expect(await signaturesFor(email)).toEqual([{ status: "pending", fullName: "Amina Yusuf" }]);
    expect(await apiCount(request)).toBe(before);

    await page.goto(link);
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page.getByTestId("confirm-result")).toHaveText(/your signature is confirmed/);
    // The page the signer lands on counts them at once; campaign pages come from a cache that is
    // renewed every few seconds.
    await expect(page.getByTestId("signature-count")).toHaveAttribute("data-count", String(before + 1));
    expect(await signaturesFor(email)).toEqual([{ status: "confirmed", fullName: "Amina Yusuf" }]);

    expect(await apiCount(request)).toBe(before + 1);
    await expect.poll(() => pageCount(page, "/"), { timeout: 20_000 }).toBe(before + 1);
    await expect.poll(() => pageCount(page, `/c/${DEFAULT_SLUG}`), { timeout: 20_000 }).toBe(before + 1);

    // Confirming again is harmless and says so.
    await page.goto(link);
    await expect(page.getByRole("status")).toHaveText(/already confirmed/);
    await expect(page.getByRole("button", { name: "Confirm my signature" })).toHaveCount(0);
    expect(await apiCount(request)).toBe(before + 1);
  });

  test("the same flow works with JavaScript disabled", async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const email = uniqueEmail("nojs");
    const before = await apiCount(request);

    await page.goto(`/c/${DEFAULT_SLUG}`);
    await fillSignForm(page, { name: "Dilnur Ablet", email, country: "NL" });
    await submitSignForm(page);
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

    const link = extractLink((await waitForMail(email)).text, "/confirm/");
    await page.goto(link);
    expect((await signaturesFor(email))[0].status).toBe("pending");
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page.getByText("your signature is confirmed")).toBeVisible();
    await expect(page.getByTestId("signature-count")).toHaveAttribute("data-count", String(before + 1));
    expect((await signaturesFor(email))[0].status).toBe("confirmed");
    expect(await apiCount(request)).toBe(before + 1);

    // A second POST of the same form (a refresh, a double click) confirms nothing more.
    await page.goto(link);
    await expect(page.getByText("already confirmed")).toBeVisible();
    expect(await apiCount(request)).toBe(before + 1);
    await context.close();
  });

  test("without JavaScript the form posts to /c/<slug>/sign: incomplete, the same POST goes back to its page, which shows the errors; complete, a 303 to check your inbox", async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/c/${DEFAULT_SLUG}?ref=ABCDEFGH`);
    const form = page.locator("#sign form");
    await expect(form).toHaveAttribute("action", `/c/${DEFAULT_SLUG}/sign`);
    const posts: { url: string; status: number; location: string | null }[] = [];
    page.on("response", (response) => {
      if (response.request().method() === "POST") posts.push({ url: new URL(response.url()).pathname, status: response.status(), location: response.headers()["location"] ?? null });
    });

    // Incomplete: sent back to /c/<slug>?ref=… as a 307, where the page shows what to fix.
    await fillSignForm(page, { name: "Without Address", email: "not-an-address", country: "FR" });
    await submitSignForm(page);
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    expect(posts).toEqual([
      { url: `/c/${DEFAULT_SLUG}/sign`, status: 307, location: `/c/${DEFAULT_SLUG}?ref=ABCDEFGH` },
      { url: `/c/${DEFAULT_SLUG}`, status: 200, location: null },
    ]);
    expect(await signaturesFor("not-an-address")).toEqual([]);

    // Complete (the form sent back keeps the link's code): one POST, a 303 to check your inbox.
    posts.length = 0;
    const email = uniqueEmail("nojs-route");
    await fillSignForm(page, { name: "With Address", email, country: "FR" });
    await submitSignForm(page);
    await expect(page).toHaveURL((url) => url.pathname === `/c/${DEFAULT_SLUG}/check-email`);
    expect(posts).toEqual([{ url: `/c/${DEFAULT_SLUG}/sign`, status: 303, location: `/c/${DEFAULT_SLUG}/check-email` }]);
    expect(await sql('SELECT "refCode" FROM "Signature" WHERE email = ?', email)).toEqual([{ refCode: "ABCDEFGH" }]);
    await context.close();

    // A GET of the form's address (a reload, a bookmark) goes to the campaign page.
    const get = await request.get(`/fr/c/${DEFAULT_SLUG}/sign`, { maxRedirects: 0 });
    expect(get.status()).toBe(303);
    expect(get.headers()["location"]).toBe(`/fr/c/${DEFAULT_SLUG}`);
    expect((await request.get(`/c/${DEFAULT_SLUG}/sign`, { maxRedirects: 0 })).headers()["location"]).toBe(`/c/${DEFAULT_SLUG}`);
  });

  test("signing twice with the same email in another case gives the same page and one signature", async ({ page, browser, request }) => {
    const email = uniqueEmail("Repeat");
    const before = await apiCount(request);

    await page.goto("/");
    await fillSignForm(page, { name: "Erkin Tursun", email, country: "TR" });
    await submitSignForm(page);
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    const firstPage = await page.locator("main").innerText();
    const first = await waitForMail(email);

    // Someone else tries the same address, in capitals: the answer gives nothing away.
    const other = await (await browser.newContext()).newPage();
    await other.goto("/");
    await fillSignForm(other, { name: "Somebody Else", email: email.toUpperCase(), country: "US" });
    await submitSignForm(other);
    await expect(other.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    // Each browser is shown only the address it typed itself (from its own sessionStorage, ADR 057);
    // apart from that line the two pages are identical.
    await expect(page.getByTestId("sent-to-address")).toHaveText(email);
    await expect(other.getByTestId("sent-to-address")).toHaveText(email.toUpperCase());
    expect((await other.locator("main").innerText()).replace(email.toUpperCase(), email)).toBe(firstPage);

    // Still pending, so the inbox gets a fresh link, addressed to the first address given.
    const second = await waitForMail(email, { count: 2 });
    expect(second.text).toContain("Hello Erkin Tursun,");
    const firstLink = extractLink(first.text, "/confirm/");
    const secondLink = extractLink(second.text, "/confirm/");
    expect(secondLink).not.toBe(firstLink);
    expect(await signaturesFor(email)).toHaveLength(1);

    await page.goto(secondLink);
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page.getByTestId("confirm-result")).toHaveText(/confirmed/);
    // The older link leads to the same signature: already confirmed, not a second one.
    await page.goto(firstLink);
    await expect(page.getByRole("status")).toHaveText(/already confirmed/);
    expect(await apiCount(request)).toBe(before + 1);

    // Signing again once confirmed: same page; the inbox gets a short "already signed" note.
    await page.goto("/");
    await fillSignForm(page, { name: "Erkin Tursun", email, country: "TR" });
    await submitSignForm(page);
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    expect(await page.locator("main").innerText()).toBe(firstPage);
    const note = await waitForMail(email, { count: 3 });
    expect(note.subject).toContain("already signed");
    expect(note.text).not.toContain("/confirm/");
    expect(await signaturesFor(email)).toHaveLength(1);
    expect(await apiCount(request)).toBe(before + 1);
  });

  test("when SMTP is down during signing, the email arrives once it is back", async ({ page }) => {
    const email = uniqueEmail("outage");
    await smtpDown();
    try {
      await page.goto("/");
      await fillSignForm(page, { name: "Gulnar Yusup", email, country: "KZ" });
      await submitSignForm(page);
      // The supporter is not kept waiting on the mail server.
      await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
      await expect
        .poll(async () => (await outboxRowsFor(email))[0]?.attempts ?? 0, { timeout: 15_000 })
        .toBeGreaterThanOrEqual(1);
      const [row] = await outboxRowsFor(email);
      expect(row.status).toBe("pending");
      expect(row.lastError).toBeTruthy();
    } finally {
      await smtpUp();
    }
    // Delivered once, not once per retry: it arrives, and no copy follows.
    await expectExactlyOnce(async () => (await mailsTo(email)).length, { timeout: 30_000, what: `mail to ${email}` });
    expect(extractLink((await mailsTo(email))[0].text, "/confirm/")).toContain("/confirm/");
    expect((await outboxRowsFor(email)).map((r) => r.status)).toEqual(["sent"]);
  });
});
