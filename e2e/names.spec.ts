import { expect, test, type Page } from "@playwright/test";
import { apiCount, fillSignForm, rowCounts, signaturesFor, submitSignForm, uniqueEmail } from "./support/campaign";
import { extractLink, mailsTo, waitForMail } from "./support/mail";

// Issue 9: the sign form was a mail relay through the email's greeting ("Hello Visit
// http://evil.example/prize now,"), and invisible names showed as blank entries in the public list
// (docs/decisions/050-names-without-links-or-invisible-characters.md).

const LINK_ERROR = /Enter only your name: web addresses, email addresses and domain names such as example\.org are not allowed/;

async function expectNameError(page: Page, message: RegExp) {
  const field = page.getByLabel("Full name", { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(message);
}

for (const javaScriptEnabled of [true, false]) {
  test(`a name carrying a link or an address is refused next to the field, and nothing is stored or mailed (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const before = await apiCount(request);
    const rowsBefore = await rowCounts();
    const emails: string[] = [];

    for (const name of ["Visit http://evil.example/prize now", "Win at evil.example", "mail x@evil.example", "www.evil"]) {
      const email = uniqueEmail("relay");
      emails.push(email);
      await page.goto("/");
      await fillSignForm(page, { name, email, country: "FR" });
      await submitSignForm(page);
      await expect(page.getByRole("alert").filter({ hasText: "There is a problem with one field" })).toBeVisible();
      await expectNameError(page, LINK_ERROR);
      // What was typed is kept, so the signer can correct it.
      await expect(page.getByLabel("Full name")).toHaveValue(name);
      await expect(page.getByLabel("Email address")).toHaveValue(email);
    }

    expect(await rowCounts()).toEqual(rowsBefore);
    expect(await apiCount(request)).toBe(before);
    for (const email of emails) {
      expect(await signaturesFor(email)).toEqual([]);
      expect(await mailsTo(email)).toEqual([]);
    }
    await context.close();
  });
}

test("a name of zero-width spaces around one letter is stored and shown as that letter, never as an invisible entry", async ({ page }) => {
  const email = uniqueEmail("zero-width");
  // No other test signs from Iceland with this letter: the entry is this signer's.
  await page.goto("/");
  await fillSignForm(page, { name: "\u200B\u200B\u200BQ\u200B\u200B", email, country: "IS", showName: true });
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  expect(await signaturesFor(email)).toEqual([expect.objectContaining({ fullName: "Q" })]);
  const mail = await waitForMail(email);
  expect(mail.text).toContain("Hello Q,");
  expect(mail.text).not.toContain("\u200B");

  await page.goto(extractLink(mail.text, "/confirm/"));
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page.getByTestId("confirm-result")).toHaveText(/confirmed/);
  // The page may be a few seconds behind (it is regenerated every 5 s); the list exists once it has an entry.
  await expect.poll(() => page.goto("/").then(() => page.locator("main").innerText()), { timeout: 20_000 }).toContain("Q., Iceland");
  const entries = await page.getByTestId("recent-signers").locator("li").allInnerTexts();
  for (const entry of entries) expect(entry.replace(/[\s\u200B-\u200F\u2060\uFEFF]/g, "").split(",")[0].length, `entry ${JSON.stringify(entry)}`).toBeGreaterThan(1);
});

test("a name with a right-to-left override is refused with its message", async ({ page }) => {
  const email = uniqueEmail("bidi");
  await page.goto("/");
  await fillSignForm(page, { name: "Aylin \u202EridaK", email, country: "FR" });
  await submitSignForm(page);
  await expectNameError(page, /Enter a name with letters/);
  expect(await signaturesFor(email)).toEqual([]);
});
