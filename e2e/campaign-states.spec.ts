import { expect, test } from "@playwright/test";
import { DEFAULT_SLUG, fillSignForm, outboxRowsFor, signaturesFor, submitSignForm, uniqueEmail } from "./support/campaign";

// A campaign's dates decide whether it can be signed, whatever its configured status says:
// e2e/fixtures/content holds one still marked "open" whose closing date has passed, and one that
// opens in 2099.

const cases = [
  { slug: "ended-test-campaign", notice: "This campaign is closed and no longer accepts signatures." },
  { slug: "upcoming-test-campaign", notice: "This campaign is not open for signatures yet." },
];

for (const { slug, notice } of cases) {
  test(`${slug}: the page says why it cannot be signed, the API says closed, and a crafted post stores nothing`, async ({ page, request }) => {
    await page.goto(`/c/${slug}`);
    await expect(page.getByRole("status")).toContainText(notice);
    await expect(page.getByLabel("Full name")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Sign/ })).toHaveCount(0);

    const api = await request.get(`/api/v1/campaigns/${slug}`);
    expect(api.status()).toBe(200);
    expect(await api.json()).toEqual({ slug, title: expect.any(String), status: "closed", signatureCount: 0, goal: 100 });

    // The form of an open campaign, aimed at this one (a stale page, a crafted post).
    const email = uniqueEmail(`state.${slug}`);
    await page.goto(`/c/${DEFAULT_SLUG}`);
    await fillSignForm(page, { name: "Out Of Time", email, country: "GB" });
    await page.locator('input[name="campaign"]').evaluate((input, target) => ((input as HTMLInputElement).value = target), slug);
    await submitSignForm(page);
    await expect(page.getByRole("alert").filter({ hasText: "This campaign is closed" })).toBeVisible();
    expect(await signaturesFor(email)).toEqual([]);
    expect(await outboxRowsFor(email)).toEqual([]);
  });
}

test("an open campaign whose dates allow it shows the form and says open in the API", async ({ page, request }) => {
  await page.goto(`/c/${DEFAULT_SLUG}`);
  await expect(page.getByLabel("Full name")).toBeVisible();
  expect(await (await request.get(`/api/v1/campaigns/${DEFAULT_SLUG}`)).json()).toMatchObject({ slug: DEFAULT_SLUG, status: "open" });
});
