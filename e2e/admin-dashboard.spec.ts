import { expect, test } from "@playwright/test";
import { adminPage, dbValue, partnerAdminPage, signThroughForm } from "./support/admin";
import { DEFAULT_SLUG, uniqueEmail } from "./support/campaign";

// The campaign dashboard shows organisers the same numbers the database holds; partner admins
// see those aggregates and nothing about any person.

const CAMPAIGN_ID = () => dbValue<string>("SELECT id FROM Campaign WHERE slug = ?", DEFAULT_SLUG);
const countByStatus = (status: string) => dbValue("SELECT count(*) FROM Signature WHERE campaignId = ? AND status = ?", CAMPAIGN_ID(), status);

test.describe("campaign dashboard", () => {
  const confirmed = { name: "Gulnara Dashboard", email: uniqueEmail("dash.confirmed"), country: "KZ", showName: true };
  const pending = { name: "Pending Dashboard", email: uniqueEmail("dash.pending"), country: "KZ" };

  test.beforeAll(async ({ browser }) => {
    const page = await browser.newPage();
    await signThroughForm(page, confirmed);
    await signThroughForm(page, pending, { confirm: false });
    await page.close();
  });

  test("an owner sees confirmed and pending totals, the rate, the series and the countries as the database holds them", async ({ browser }) => {
    const page = await adminPage(browser);
    await page.goto(`/admin/campaigns/${DEFAULT_SLUG}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Dashboard");
    const confirmedTotal = countByStatus("confirmed");
    const pendingTotal = countByStatus("pending");
    expect(confirmedTotal).toBeGreaterThan(0);
    await expect(page.getByTestId("stat-confirmed")).toHaveText(confirmedTotal.toLocaleString("en"));
    await expect(page.getByTestId("stat-pending")).toHaveText(pendingTotal.toLocaleString("en"));
    const rate = confirmedTotal / (confirmedTotal + pendingTotal);
    await expect(page.getByTestId("stat-rate")).toHaveText(`${(Math.round(rate * 1000) / 10).toString()}%`);

    // Charts are images with a text alternative; the numbers are in tables.
    await expect(page.getByRole("img", { name: /confirmed signatures per hour/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /confirmed signatures per day/ })).toBeVisible();
    const kz = dbValue("SELECT count(*) FROM Signature WHERE campaignId = ? AND status = 'confirmed' AND country = 'KZ'", CAMPAIGN_ID());
    const countries = page.getByRole("table", { name: "Confirmed signatures by country" });
    await expect(countries.getByRole("row", { name: `Kazakhstan ${kz}` })).toBeVisible();
    await expect(page.getByRole("table", { name: "Supporters who agreed to hear from partners" }).getByRole("row")).toHaveCount(6);
    await page.context().close();
  });

  test("a partner admin sees the aggregates, no search, and no name or email", async ({ browser }) => {
    const page = await partnerAdminPage(browser, "partner.dashboard@example.org", "Amnesty International");
    await page.goto("/admin");
    await expect(page.getByText("(partner: amnesty-international)")).toBeVisible();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Signatures" })).toHaveCount(0);
    await expect(page.getByRole("navigation").getByRole("link", { name: "Admins" })).toHaveCount(0);

    await page.goto(`/admin/campaigns/${DEFAULT_SLUG}`);
    await expect(page.getByTestId("stat-confirmed")).toHaveText(countByStatus("confirmed").toLocaleString("en"));
    // Only their own organisation's consent total.
    const consents = page.getByRole("table", { name: "Supporters who agreed to hear from partners" });
    await expect(consents.getByRole("row")).toHaveCount(2);
    await expect(consents).toContainText("Amnesty International");
    await expect(page.getByRole("columnheader", { name: "Email" })).toHaveCount(0);
    const html = await page.content();
    for (const secret of [confirmed.email, pending.email, confirmed.name, pending.name, "Gulnara D."]) expect(html).not.toContain(secret);

    // The delivery view gives them the totals, not the names.
    await page.goto(`/admin/campaigns/${DEFAULT_SLUG}/delivery`);
    await expect(page.getByTestId("delivery-total")).toBeVisible();
    await expect(page.getByText("Names are shown to owners only.")).toBeVisible();
    expect(await page.content()).not.toContain("Gulnara D.");

    // Searching is refused, in the page and in its action.
    const refused = await page.goto("/admin/signatures");
    expect(refused?.status()).toBe(403);
    await page.context().close();
  });
});
