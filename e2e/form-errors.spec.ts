import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import {
  apiCount,
  CLOSED_SLUG,
  DEFAULT_SLUG,
  fillSignForm,
  signaturesFor,
  submitSignForm,
  uniqueEmail,
} from "./support/campaign";
import { extractLink, mailsTo, waitForMail } from "./support/mail";

async function expectFieldError(page: Page, label: string, message: RegExp) {
  const field = page.getByLabel(label, { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  // The message is tied to the field, so a screen reader reads it with the field.
  await expect(field).toHaveAccessibleDescription(message);
}

for (const javaScriptEnabled of [true, false]) {
  test(`invalid input shows errors next to the fields, keeps the values and stores nothing (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser, request }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const email = uniqueEmail("invalid");
    const before = await apiCount(request);

    await page.goto("/");
    await page.getByLabel("Full name").fill("   ");
    await page.getByLabel("Email address").fill(`not-an-email-${email}`.replace("@", " at "));
    await page.getByLabel(/Why I signed/).fill("Kept after the error");
    await page.getByLabel(/Show my first name/).check();
    await submitSignForm(page);

    await expect(page.getByRole("alert").filter({ hasText: "There are problems with 3 fields" })).toBeVisible();
    await expectFieldError(page, "Full name", /Enter your full name/);
    await expectFieldError(page, "Email address", /Enter an email address in the form name@example.org/);
    await expectFieldError(page, "Country", /Choose your country/);
    await expect(page.getByLabel(/Why I signed/)).toHaveValue("Kept after the error");
    await expect(page.getByLabel(/Show my first name/)).toBeChecked();
    await expect(page.getByLabel("Email address")).toHaveValue(/not-an-email/);

    // Fixing one field keeps the others' errors and the values.
    await page.getByLabel("Full name").fill("Ayse Demir");
    await submitSignForm(page);
    await expect(page.getByRole("alert").filter({ hasText: "There are problems with 2 fields" })).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Ayse Demir");
    await expect(page.getByLabel("Full name")).not.toHaveAttribute("aria-invalid", "true");

    expect(signaturesFor(email)).toHaveLength(0);
    expect(await apiCount(request)).toBe(before);
    await context.close();
  });
}

test("a closed campaign says so and cannot be signed", async ({ page, request }) => {
  await page.goto(`/c/${CLOSED_SLUG}`);
  await expect(page.getByRole("status")).toContainText("This campaign is closed");
  await expect(page.getByLabel("Full name")).toHaveCount(0);
  const api = await (await request.get(`/api/v1/campaigns/${CLOSED_SLUG}`)).json();
  expect(api).toMatchObject({ slug: CLOSED_SLUG, status: "closed", signatureCount: 0 });

  // A form aimed at the closed campaign (a stale page, a crafted post) is refused as well.
  const email = uniqueEmail("closed");
  await page.goto(`/c/${DEFAULT_SLUG}`);
  await fillSignForm(page, { name: "Late Signer", email, country: "GB" });
  await page.locator('input[name="campaign"]').evaluate((input, slug) => ((input as HTMLInputElement).value = slug), CLOSED_SLUG);
  await submitSignForm(page);
  await expect(page.getByRole("alert").filter({ hasText: "This campaign is closed" })).toBeVisible();
  expect(signaturesFor(email)).toHaveLength(0);
  await page.waitForTimeout(1000);
  expect(await mailsTo(email)).toHaveLength(0);
});

test("a name made of markup is shown as text everywhere", async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const name = "<script>alert(1)</script> <img src=x onerror=alert(2)>";
  const email = uniqueEmail("markup");
  await page.goto("/");
  await fillSignForm(page, { name, email, country: "CA", showName: true });
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const mail = await waitForMail(email);
  expect(mail.text).toContain(`Hello ${name},`);
  expect(mail.html).not.toContain("<script>");
  expect(mail.html).not.toContain("<img");
  expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");

  await page.goto(extractLink(mail.text, "/confirm/"));
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page.getByTestId("confirm-result")).toHaveText(/confirmed/);

  await page.goto("/");
  // Public list: first name and initial only, as text.
  await expect(page.getByTestId("recent-signers")).toContainText("<script>alert(1)</script> O., Canada");
  expect(await page.locator("main script").count()).toBe(0);
  expect(await page.locator("main img").count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(await apiCount(request)).toBeGreaterThan(0);
});

test("the campaign, form errors and confirmation pages have no accessibility violations", async ({ page }) => {
  const axe = () => new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  await page.goto("/");
  expect((await axe().analyze()).violations).toEqual([]);

  await submitSignForm(page);
  await expect(page.getByRole("alert").filter({ hasText: "There are problems" })).toBeVisible();
  expect((await axe().analyze()).violations).toEqual([]);

  const email = uniqueEmail("axe");
  await page.goto("/");
  await fillSignForm(page, { name: "Axe Tester", email });
  await submitSignForm(page);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  expect((await axe().analyze()).violations).toEqual([]);
  await page.goto(extractLink((await waitForMail(email)).text, "/confirm/"));
  expect((await axe().analyze()).violations).toEqual([]);
});

test("pages refuse to be framed by other sites and unknown campaigns are 404", async ({ request }) => {
  const home = await request.get("/");
  expect(home.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const missing = await request.get("/api/v1/campaigns/no-such-campaign");
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ error: "not_found" });
  expect((await request.get("/c/no-such-campaign")).status()).toBe(404);
});
