import { expect, test, type Page } from "@playwright/test";
import { adminPage, dbValue, OWNER_EMAIL, partnerAdminPage, signInThroughMail, signThroughForm } from "./support/admin";
import { apiCount, uniqueEmail } from "./support/campaign";
import { sql, sqlRow } from "./support/db";
import { mailsTo, waitForMail } from "./support/mail";

// What an owner does with one person's signature, and with a spam wave; what the database keeps.

async function openSignature(page: Page, query: string, name: string): Promise<void> {
  await page.goto("/admin/signatures");
  await page.getByLabel("Search by email address or name").fill(query);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

type AuditRow = { action: string; actorLabel: string; details: string; targetId: string | null };

function auditRows(action: string): Promise<AuditRow[]> {
  return sql('SELECT action, "actorLabel", details, "targetId" FROM "AuditLog" WHERE action = ? ORDER BY "createdAt"', action);
}

/** Audit rows about one person, signature or admin, oldest first. */
function auditRowsAbout(targetId: string): Promise<AuditRow[]> {
  return sql('SELECT action, "actorLabel", details, "targetId" FROM "AuditLog" WHERE "targetId" = ? ORDER BY "createdAt"', targetId);
}

test.describe("signature management", () => {
  test("search by any spelling of the address, see everything stored, resend the link of a pending signature", async ({ browser }) => {
    // A Gmail address: letter case, dots, a +tag and the googlemail.com alias all reach the same inbox.
    const local = `resend.me.${Date.now().toString(36)}`;
    const email = `${local}@gmail.com`;
    const signer = browser.newPage();
    await signThroughForm(await signer, { name: "Resend Person", email, country: "CA", comment: "Please resend" }, { confirm: false });
    await (await signer).close();
    const id = await dbValue<string>('SELECT id FROM "Signature" WHERE email = ?', email);

    const page = await adminPage(browser);
    for (const spelling of [email.toUpperCase(), `  ${local.replaceAll(".", "")}+petition@GoogleMail.com `, `${local.replace("resend", "Re.Send")}@Gmail.com`]) {
      await page.goto("/admin/signatures");
      await page.getByLabel("Search by email address or name").fill(spelling);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Results: 1" }), spelling).toBeVisible();
      await expect(page.getByRole("link", { name: "Resend Person" })).toHaveAttribute("href", `/admin/signatures/${id}`);
    }
    await openSignature(page, email, "Resend Person");
    await expect(page.getByText("Please resend")).toBeVisible();
    await expect(page.getByText("Canada (CA)")).toBeVisible();
    await expect(page.getByText("Waiting for confirmation")).toBeVisible();

    const before = (await mailsTo(email)).length;
    await page.getByRole("button", { name: "Resend the confirmation email" }).click();
    await expect(page.getByRole("status").filter({ hasText: "A new confirmation email is on its way." })).toBeVisible();
    const mail = await waitForMail(email, { count: before + 1 });
    expect(mail.subject).toContain("Please confirm your signature");
    expect((await auditRowsAbout(id)).map((a) => [a.action, a.actorLabel])).toEqual([["signature.resend", OWNER_EMAIL]]);
    await page.context().close();
  });

  test("withdraw a confirmed signature at the signer's request: it stops counting at once", async ({ browser, request }) => {
    const email = uniqueEmail("withdraw");
    const signer = await browser.newPage();
    await signThroughForm(signer, { name: "Withdrawing Person", email });
    await signer.close();
    const before = await apiCount(request);

    const page = await adminPage(browser);
    await openSignature(page, email, "Withdrawing Person");
    // The opener is red and only shows what happens: nothing is withdrawn before the second step.
    const opener = page.locator("summary").filter({ hasText: "Withdraw at the signer's request" });
    expect(await opener.evaluate((el) => getComputedStyle(el).backgroundColor)).toMatch(/^rgb\((1[3-9]\d|2\d\d), \d{1,2}, \d{1,2}\)$/);
    await opener.click();
    await expect(page.getByText("The signature stops counting at once")).toBeVisible();
    expect(await dbValue<string>('SELECT status FROM "Signature" WHERE email = ?', email)).not.toBe("withdrawn");
    await page.getByRole("button", { name: "Yes, withdraw this signature" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The signature is withdrawn. It no longer counts." })).toBeVisible();
    expect(await dbValue<string>('SELECT status FROM "Signature" WHERE email = ?', email)).toBe("withdrawn");
    expect(await apiCount(request)).toBe(before - 1);
    const id = await dbValue<string>('SELECT id FROM "Signature" WHERE email = ?', email);
    expect((await auditRowsAbout(id)).map((a) => [a.action, a.actorLabel, JSON.parse(a.details)])).toEqual([["signature.withdraw", OWNER_EMAIL, { previousStatus: "confirmed" }]]);
    await page.context().close();
  });

  test("erase a person: personal data gone from the database, the count kept, one audit row without the address", async ({ browser, request }) => {
    const email = uniqueEmail("erase.me");
    const signer = await browser.newPage();
    await signThroughForm(signer, { name: "Erasable Person", email, country: "NO", comment: "Delete me later", showName: true });
    await signer.close();
    const id = await dbValue<string>('SELECT id FROM "Signature" WHERE email = ?', email);
    const before = await apiCount(request);
    const auditBefore = (await auditRows("signature.erase")).length;

    const page = await adminPage(browser);
    await openSignature(page, email, "Erasable Person");
    await page.getByLabel("I understand that this cannot be undone").check();
    await page.getByRole("button", { name: "Erase this person" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Erased: 1 signature anonymised." })).toBeVisible();

    const row = await sqlRow('SELECT "fullName", email, "emailNormalized", comment, status, country, "erasedAt" FROM "Signature" WHERE id = ?', id);
    expect(row).toMatchObject({ fullName: "", email: "", emailNormalized: `erased:${id}`, comment: null, status: "confirmed", country: "NO" });
    expect(row!.erasedAt).not.toBeNull();
    for (const table of ["Signature", "Consent", "ConfirmationToken", "OutboxMessage", "AuditLog"]) {
      const dump = JSON.stringify(await sql(`SELECT * FROM "${table}"`)).toLowerCase();
      expect(dump, table).not.toContain(email.toLowerCase());
      expect(dump, table).not.toContain("erasable person");
      expect(dump, table).not.toContain("delete me later");
    }
    expect(await apiCount(request)).toBe(before);
    const audits = await auditRows("signature.erase");
    expect(audits).toHaveLength(auditBefore + 1);
    expect(JSON.parse(audits[audits.length - 1].details)).toMatchObject({ signatures: 1, campaigns: ["guterres-xinjiang"] });

    // Nothing to find any more, by address or by name.
    await page.goto("/admin/signatures");
    await page.getByLabel("Search by email address or name").fill("Erasable");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Results: 0" })).toBeVisible();
    await page.context().close();
  });

  test("erasing asks for confirmation, looks destructive, and erases nothing unconfirmed (without JavaScript)", async ({ browser }) => {
    const email = uniqueEmail("erase.unconfirmed");
    const signer = await browser.newPage();
    await signThroughForm(signer, { name: "Unconfirmed Erasure", email, country: "NO" });
    await signer.close();
    const id = await dbValue<string>('SELECT id FROM "Signature" WHERE email = ?', email);

    const owner = await adminPage(browser);
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: await owner.context().storageState() });
    await owner.context().close();
    const page = await context.newPage();
    for (const path of [`/admin/signatures/${id}`, "/admin/signatures"]) {
      await page.goto(path);
      const button = page.getByRole("button", { name: "Erase this person" });
      // Red and white, unlike the app's navy buttons.
      const [background, color] = await button.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]);
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      expect(r, `${path} ${background}`).toBeGreaterThan(150);
      expect(g, `${path} ${background}`).toBeLessThan(80);
      expect(b, `${path} ${background}`).toBeLessThan(80);
      expect(color).toBe("rgb(255, 255, 255)");
      await expect(page.getByLabel("I understand that this cannot be undone")).not.toBeChecked();
    }

    // Pressed without ticking the box: a message, and the person is still there.
    await page.goto(`/admin/signatures/${id}`);
    await page.getByRole("button", { name: "Erase this person" }).click();
    await expect(page.locator("#main").getByRole("alert")).toHaveText("Tick the box to confirm that the erasure cannot be undone.");
    await page.goto("/admin/signatures");
    await page.locator("#erase-email").fill(email);
    await page.getByRole("button", { name: "Erase this person" }).click();
    await expect(page.locator("#main").getByRole("alert")).toHaveText("Tick the box to confirm that the erasure cannot be undone.");
    expect(await sqlRow('SELECT "fullName", email, "erasedAt" FROM "Signature" WHERE id = ?', id)).toMatchObject({ fullName: "Unconfirmed Erasure", email, erasedAt: null });
    expect((await auditRowsAbout(id)).filter((a) => a.action === "signature.erase")).toEqual([]);

    // Ticked, it erases.
    await page.goto(`/admin/signatures/${id}`);
    await page.getByLabel("I understand that this cannot be undone").check();
    await page.getByRole("button", { name: "Erase this person" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Erased: 1 signature anonymised." })).toBeVisible();
    expect(await dbValue<string>('SELECT email FROM "Signature" WHERE id = ?', id)).toBe("");
    await context.close();
  });

  test("latest signers of a campaign: newest first, paged by links, filtered by email domain, without JavaScript", async ({ browser }) => {
    const domain = `latest-${Date.now().toString(36)}.example.org`;
    const signer = await browser.newPage();
    await signThroughForm(signer, { name: "Latest First", email: `first@${domain}`, country: "SE" });
    await signThroughForm(signer, { name: "Latest Second", email: `second@${domain}`, country: "SE" }, { confirm: false });
    await signThroughForm(signer, { name: "Latest Third", email: `third@${domain}`, country: "SE" });
    await signer.close();

    const owner = await adminPage(browser);
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: await owner.context().storageState() });
    await owner.context().close();
    const page = await context.newPage();
    await page.goto("/admin");
    await page.getByRole("navigation").getByRole("link", { name: "Latest signers" }).click();
    await expect(page).toHaveTitle(/^Latest signatures: Secretary-General, speak out on Xinjiang/);
    await expect(page.getByTestId("latest-table")).toBeVisible();

    // Two a page (?per=2), found by the domain typed with its @.
    await page.goto(`/admin/campaigns/guterres-xinjiang/signatures?per=2`);
    await page.getByLabel("Email domain").fill(`@${domain.toUpperCase()}`);
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("domain") === `@${domain.toUpperCase()}`);
    // Without JavaScript each click is a full page load that may still be streaming: wait on
    // web-first assertions (which retry) before reading the rows.
    const names = page.getByTestId("latest-table").locator("tbody tr td:first-child");
    await expect(page.getByTestId("latest-showing")).toHaveText(`2 signatures at @${domain}, newest first.`);
    await expect(names).toHaveText(["Latest Third", "Latest Second"]);
    const rows = () => page.getByTestId("latest-table").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")));
    const first = await rows();
    expect(first.map((r) => r.slice(0, 4))).toEqual([
      ["Latest Third", `third@${domain}`, "Sweden", "Confirmed"],
      ["Latest Second", `second@${domain}`, "Sweden", "Waiting for confirmation"],
    ]);
    expect(first[0][4]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    await page.getByRole("link", { name: "Older signatures" }).click();
    await expect(names).toHaveText(["Latest First"]);
    await expect(page.getByRole("link", { name: "Older signatures" })).toHaveCount(0);
    await page.getByRole("link", { name: "Back to the newest" }).click();
    await expect(names).toHaveText(["Latest Third", "Latest Second"]);

    // Not a domain: said so, nothing listed.
    await page.getByLabel("Email domain").fill("someone@");
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(page.locator("#main").getByRole("alert")).toContainText("Enter a domain only");
    await expect(page.getByTestId("latest-table")).toHaveCount(0);
    await context.close();

    // The owners' search finds the domain too, in every campaign.
    const search = await adminPage(browser);
    for (const query of [domain, `@${domain}`]) {
      await search.goto("/admin/signatures");
      await search.getByLabel("Search by email address or name").fill(query);
      await search.getByRole("button", { name: "Search", exact: true }).click();
      await expect(search.getByRole("heading", { name: "Results: 3" }), query).toBeVisible();
    }
    await search.context().close();
  });

  test("a partner admin's latest signers are only their consenting, confirmed supporters", async ({ browser }) => {
    const domain = `latest-partner-${Date.now().toString(36)}.example.org`;
    const signer = await browser.newPage();
    await signThroughForm(signer, { name: "Partner Consenting", email: `yes@${domain}`, partners: ["International Federation for Human Rights"] });
    await signThroughForm(signer, { name: "Partner Silent", email: `no@${domain}` });
    await signer.close();
    const page = await partnerAdminPage(browser, "partner.latest@example.org", "International Federation for Human Rights");
    await page.goto(`/admin/campaigns/guterres-xinjiang/signatures?domain=${domain}`);
    await expect(page.getByTestId("latest-table").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("latest-table")).toContainText("Partner Consenting");
    expect(await page.content()).not.toContain("Partner Silent");
    await page.context().close();
  });

  test("invalidate a spam wave by domain: preview the count, apply, counts updated, audited", async ({ browser, request }) => {
    const domain = `wave-${Date.now().toString(36)}.example.org`;
    const signer = await browser.newPage();
    await signThroughForm(signer, { name: "Bot One", email: `one@${domain}` });
    await signThroughForm(signer, { name: "Bot Two", email: `two@${domain}` }, { confirm: false });
    await signer.close();
    const before = await apiCount(request);

    const page = await adminPage(browser);
    await page.goto("/admin/signatures/invalidate");
    await page.getByLabel("Email domain (exact, for example spam.example)").fill(domain.toUpperCase());
    await page.getByRole("button", { name: "Show how many would be invalidated" }).click();
    await expect(page.getByTestId("invalidate-preview")).toHaveText("2 signatures match: 1 confirmed, 1 waiting for confirmation.");
    expect(await dbValue(`SELECT count(*) FROM "Signature" WHERE email LIKE ? AND status = 'invalidated'`, `%@${domain}`)).toBe(0);

    await page.getByLabel(/^Reason/).fill("bot wave");
    await page.getByRole("button", { name: "Invalidate 2 signatures" }).click();
    await expect(page.getByRole("status").filter({ hasText: "2 signatures invalidated." })).toBeVisible();
    expect(await dbValue(`SELECT count(*) FROM "Signature" WHERE email LIKE ? AND status = 'invalidated' AND "invalidReason" = 'bot wave'`, `%@${domain}`)).toBe(2);
    expect(await apiCount(request)).toBe(before - 1);
    const [audit] = (await auditRows("signatures.invalidate")).slice(-1);
    expect(JSON.parse(audit.details)).toEqual({ filter: { domain }, reason: "bot wave", signatures: 2 });
    await page.context().close();
  });

  test("a bad filter gets a clear message and changes nothing", async ({ browser }) => {
    const page = await adminPage(browser);
    await page.goto("/admin/signatures/invalidate");
    await page.getByLabel("Email domain (exact, for example spam.example)").fill("not a domain");
    await page.getByRole("button", { name: "Show how many would be invalidated" }).click();
    await expect(page.locator("#main").getByRole("alert")).toHaveText("Enter a domain only, such as spam.example (no spaces, no name before an @).");
    await page.getByLabel("by the time they were signed").check();
    await page.getByLabel("Signed from (UTC)").fill("2026-05-12T11:00:00");
    await page.getByLabel("Signed before (UTC)").fill("2026-05-12T10:00:00");
    await page.getByRole("button", { name: "Show how many would be invalidated" }).click();
    await expect(page.locator("#main").getByRole("alert")).toHaveText("The end of the window must be after its start.");
    await page.context().close();
  });

  test("sign-ins, invites and changes leave audit rows naming who did it to whom", async ({ browser }) => {
    const context = await browser.newContext();
    const owner = await context.newPage();
    await signInThroughMail(owner, OWNER_EMAIL);
    const ownerId = await dbValue<string>('SELECT id FROM "AdminUser" WHERE email = ?', OWNER_EMAIL);
    const [signIn] = (await auditRowsAbout(ownerId)).slice(-1);
    expect(signIn).toMatchObject({ action: "admin.sign-in", actorLabel: OWNER_EMAIL });

    const partnerEmail = uniqueEmail("audited.partner");
    await owner.goto("/admin/admins");
    await owner.getByLabel("Email address").fill(partnerEmail);
    await owner.getByLabel("Partner organisation").selectOption({ label: "World Uyghur Congress" });
    await owner.getByRole("button", { name: "Invite" }).click();
    await expect(owner.getByRole("status").filter({ hasText: "Invitation sent." })).toBeVisible();
    await owner.locator("summary").filter({ hasText: `Disable ${partnerEmail}` }).click();
    await owner.getByRole("button", { name: `Yes, disable ${partnerEmail}` }).click();
    await expect(owner.getByRole("status").filter({ hasText: "signed out everywhere" })).toBeVisible();

    const partnerId = await dbValue<string>('SELECT id FROM "AdminUser" WHERE email = ?', partnerEmail);
    expect((await auditRowsAbout(partnerId)).map((a) => [a.action, a.actorLabel, JSON.parse(a.details).partner ?? null])).toEqual([
      ["admin.invite", OWNER_EMAIL, "world-uyghur-congress"],
      ["admin.disable", OWNER_EMAIL, null],
    ]);
    await context.close();
  });
});
