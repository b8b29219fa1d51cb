import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { adminPage } from "./support/admin";
import {
  apiCount,
  CLOSED_SLUG,
  DEFAULT_SLUG,
  fillSignForm,
  outboxRowsFor,
  rowCounts,
  signaturesFor,
  submitSignForm,
  uniqueEmail,
} from "./support/campaign";
import { npmScript, parseCsv } from "./support/data";
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
    // What is typed, exactly: an address without its @, and later a name no one else uses.
    const typedEmail = `not-an-email-${uniqueEmail("invalid").replace("@", "-at-")}`;
    // (not a piece of the address: a name holding "example.org" is refused as a domain, ADR 050)
    const name = `Ayse ${Date.now().toString(36)} Demir`;
    const before = await apiCount(request);
    const rowsBefore = await rowCounts();

    await page.goto("/");
    await page.getByLabel("Full name").fill("   ");
    await page.getByLabel("Email address").fill(typedEmail);
    await page.getByLabel(/Why I signed/).fill("Kept after the error");
    await page.getByLabel(/Show my first name/).check();
    await submitSignForm(page);

    await expect(page.getByRole("alert").filter({ hasText: "There are problems with 3 fields" })).toBeVisible();
    await expectFieldError(page, "Full name", /Enter your full name/);
    await expectFieldError(page, "Email address", /Enter an email address in the form name@example.org/);
    await expectFieldError(page, "Country", /Choose your country/);
    await expect(page.getByLabel(/Why I signed/)).toHaveValue("Kept after the error");
    await expect(page.getByLabel(/Show my first name/)).toBeChecked();
    await expect(page.getByLabel("Email address")).toHaveValue(typedEmail);

    // Fixing one field keeps the others' errors and the values.
    await page.getByLabel("Full name").fill(name);
    await submitSignForm(page);
    await expect(page.getByRole("alert").filter({ hasText: "There are problems with 2 fields" })).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue(name);
    await expect(page.getByLabel("Email address")).toHaveValue(typedEmail);
    await expect(page.getByLabel("Full name")).not.toHaveAttribute("aria-invalid", "true");

    // Nothing of either attempt reached the database: no signature (pending or not), no consent, no mail.
    expect(await signaturesFor(typedEmail)).toEqual([]);
    expect(await rowCounts()).toEqual(rowsBefore);
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
  expect(await signaturesFor(email)).toEqual([]);
  // Mail only ever leaves through the outbox: nothing queued is nothing sent.
  expect(await outboxRowsFor(email)).toEqual([]);
  expect(await mailsTo(email)).toEqual([]);
});

test("a name made of markup is shown as text everywhere: email, public list, admin, delivery view and export", async ({ page, request, browser }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const name = "<script>alert(1)</script> <img src=x onerror=alert(2)>";
  const email = uniqueEmail("markup");
  const before = await apiCount(request);
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

  // Public list: first name and initial only, as text.
  // The public page may be a few seconds behind (it comes from a cache renewed every 5 s).
  await expect.poll(() => page.goto("/").then(() => page.locator("main").innerText()), { timeout: 20_000 }).toContain("<script>alert(1)</script> O., Canada");
  expect(await page.locator("main script").count()).toBe(0);
  expect(await page.locator("main img").count()).toBe(0);
  expect(await apiCount(request)).toBe(before + 1);

  // The admin's page of this signature and the delivery view show it as text too.
  const admin = await adminPage(browser);
  admin.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await admin.goto("/admin/signatures");
  await admin.getByLabel("Search by email address or name").fill(email);
  await admin.getByRole("button", { name: "Search", exact: true }).click();
  await admin.getByRole("link", { name }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(name);
  await admin.goto(`/admin/campaigns/${DEFAULT_SLUG}/delivery`);
  await expect(admin.locator("main")).toContainText("<script>alert(1)</script> O.");
  for (const view of [admin, page]) {
    expect(await view.locator("main script").count()).toBe(0);
    expect(await view.locator("main img").count()).toBe(0);
  }
  await admin.context().close();
  expect(dialogs).toEqual([]);

  // The export holds the name exactly as typed, as a plain cell.
  const exported = await npmScript("export", ["--campaign", DEFAULT_SLUG, "--columns", "email,full_name"]);
  expect(parseCsv(exported.stdout).find((row) => row.email === email)?.full_name).toBe(name);
});

test("the campaign, form errors and confirmation pages have no accessibility violations", async ({ page }) => {
  // Every rule, best-practice included (issue 10).
  const axe = () => new AxeBuilder({ page });
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
