import { expect, test } from "@playwright/test";
import { adminPage, partnerAdminPage } from "./support/admin";
import { DEFAULT_SLUG } from "./support/campaign";

// Partners copy the embed snippet for their site from the admin.

test("owners see one embed snippet per coalition partner, each attributing to that partner", async ({ browser }) => {
  const page = await adminPage(browser);
  await page.goto("/admin");
  await page.getByRole("navigation").getByRole("link", { name: "Embeds" }).click();
  await expect(page.getByRole("heading", { name: "Embed snippets" })).toBeVisible();
  const snippet = page.getByLabel("HTML for Amnesty International (select all and copy)");
  await expect(snippet).toHaveValue(new RegExp(`/embed/${DEFAULT_SLUG}\\?partner=amnesty-international`));
  await expect(snippet).toHaveValue(/<script src="[^"]+\/embed\.js" async><\/script>/);
  await expect(page.getByRole("textbox")).toHaveCount(5);
  await page.context().close();
});

test("a partner admin sees only their own organisation's snippet", async ({ browser }) => {
  const page = await partnerAdminPage(browser, "partner.embeds@example.org", "Human Rights Watch");
  await page.goto(`/admin/campaigns/${DEFAULT_SLUG}/embeds`);
  await expect(page.getByRole("textbox")).toHaveCount(1);
  await expect(page.getByLabel(/HTML for Human Rights Watch/)).toHaveValue(/partner=human-rights-watch/);
  await page.context().close();
});
