import { expect, test } from "@playwright/test";
import { adminPage, dbValue, signThroughForm } from "./support/admin";
import { DEFAULT_SLUG, uniqueEmail } from "./support/campaign";

// The delivery view: the letter, the coalition, the target, the totals by country and the names
// of the signers who chose to be shown (first name and initial), ready to print to PDF.

test.describe("delivery view", () => {
  test("shows the letter, coalition, target, confirmed totals by country and opted-in names as shown publicly", async ({ browser }) => {
    const tag = Date.now().toString(36);
    const shown = { name: `Zumrat${tag} Dawut`, email: uniqueEmail("delivery.shown"), country: "NZ", showName: true };
    const hidden = { name: `Hidden${tag} Person`, email: uniqueEmail("delivery.hidden"), country: "NZ" };
    const signer = await browser.newPage();
    await signThroughForm(signer, shown);
    await signThroughForm(signer, hidden);
    await signer.close();

    const page = await adminPage(browser);
    await page.goto(`/admin/campaigns/${DEFAULT_SLUG}/delivery`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Secretary-General, speak out on Xinjiang");
    await expect(page.getByText("António Guterres, Secretary-General of the United Nations")).toBeVisible();
    await expect(page.getByText(/^From:.*Amnesty International.*World Uyghur Congress/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "The letter" })).toBeVisible();

    const campaignId = await dbValue<string>('SELECT id FROM "Campaign" WHERE slug = ?', DEFAULT_SLUG);
    const total = await dbValue(`SELECT count(*) FROM "Signature" WHERE "campaignId" = ? AND status = 'confirmed'`, campaignId);
    await expect(page.getByTestId("delivery-total")).toHaveText(`${total.toLocaleString("en")} ${total === 1 ? "person" : "people"} signed and confirmed their signature by email.`);
    const nz = await dbValue(`SELECT count(*) FROM "Signature" WHERE "campaignId" = ? AND status = 'confirmed' AND country = 'NZ'`, campaignId);
    await expect(page.getByRole("row", { name: `New Zealand ${nz}` })).toBeVisible();

    await expect(page.getByText(`Zumrat${tag} D.`)).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain("Dawut");
    expect(html).not.toContain(`Hidden${tag}`);
    expect(html).not.toContain(shown.email);
    await page.context().close();
  });

  test("is dated the day it is generated, day month year, and quotes the comments of named signers only", async ({ browser }) => {
    const tag = Date.now().toString(36);
    const named = { name: `Commenter${tag} Tursun`, email: uniqueEmail("delivery.comment.named"), country: "IE", showName: true, comment: `Please speak out ${tag}` };
    const unnamed = { name: `Quiet${tag} Person`, email: uniqueEmail("delivery.comment.unnamed"), country: "IE", comment: `Keep this private ${tag}` };
    const signer = await browser.newPage();
    await signThroughForm(signer, named);
    await signThroughForm(signer, unnamed);
    await signer.close();

    const page = await adminPage(browser);
    const before = Date.now();
    await page.goto(`/admin/campaigns/${DEFAULT_SLUG}/delivery`);
    const after = Date.now();
    // "2 December 2026": the day, the month's name and the year, as the letter is dated ("16 September 2019").
    const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    const style = (t: number) => {
      const d = new Date(t);
      return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    };
    const date = page.getByTestId("delivery-date");
    await expect(date).toHaveText(new RegExp(`^Generated on (${style(before)}|${style(after)})$`));
    const generated = Date.parse((await date.locator("time").getAttribute("datetime")) ?? "");
    expect(generated).toBeGreaterThanOrEqual(before - 60_000);
    expect(generated).toBeLessThanOrEqual(after + 60_000);
    await expect(date.locator("time")).toHaveText(style(generated));

    const comments = page.getByRole("region", { name: "Comments from signers who chose to be named" });
    await expect(comments.getByText(named.comment)).toBeVisible();
    await expect(comments.getByText(`Commenter${tag} T., Ireland`)).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain(unnamed.comment);
    expect(html).not.toContain("Tursun");
    await page.context().close();
  });

  test("prints to PDF without the admin's menu", async ({ browser }) => {
    const page = await adminPage(browser);
    await page.goto(`/admin/campaigns/${DEFAULT_SLUG}/delivery`);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();
    await expect(page.getByRole("navigation")).toBeHidden();
    await expect(page.getByText(/ready to print/)).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    const pdf = await page.pdf({ format: "A4", printBackground: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Chromium writes the document title into the PDF's metadata as UTF-16.
    const title = "Delivery: Secretary-General, speak out on Xinjiang";
    const utf16 = Buffer.from("\ufeff" + title, "utf16le").swap16().toString("hex").toUpperCase();
    const raw = pdf.toString("latin1");
    expect(raw.includes(title) || raw.toUpperCase().includes(utf16)).toBe(true);
    await page.context().close();
  });
});
