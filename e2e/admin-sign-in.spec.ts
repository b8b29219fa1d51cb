import { expect, test } from "@playwright/test";
import { adminPage, OWNER_EMAIL, requestSignInLink, SIGN_IN_SUBJECT, signInThroughMail } from "./support/admin";
import { sql, sqlRow, sqlValue } from "./support/db";
import { extractLink, mailsTo, waitForMail } from "./support/mail";

// Organisers sign in with a one-time link sent by email; nobody learns from the form who is an admin.

const OWNER = "signin-owner@example.org";

test.describe("admin sign-in by email link", () => {
  test("an owner asks for a link, opens it from the email, presses the button and is signed in", async ({ page }) => {
    const before = (await mailsTo(OWNER)).length;
    await requestSignInLink(page, OWNER);
    const mail = await waitForMail(OWNER, { count: before + 1, subjectIncludes: SIGN_IN_SUBJECT });
    expect(mail.text).toContain("expires in 15 minutes");
    const link = extractLink(mail, "/admin/sign-in/verify");

    // Opening the link (as a mail scanner would) does not sign in.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Finish signing in" })).toBeVisible();
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);

    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByText(`Signed in as ${OWNER} (owner)`)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Campaigns" })).toBeVisible();

    // The cookie is kept from scripts and other sites.
    const cookie = (await page.context().cookies()).find((c) => c.name === "__Host-admin-session");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });

    // The link worked once.
    const other = await page.context().browser()!.newContext();
    const second = await other.newPage();
    await second.goto(link);
    await second.getByRole("button", { name: "Sign in" }).click();
    await expect(second.locator("#main").getByRole("alert").filter({ hasText: "invalid, has expired or has already been used" })).toBeVisible();
    await expect(second.getByRole("button", { name: "Sign out" })).toHaveCount(0);
    await other.close();
  });

  test("an unknown address gets the same page and no email", async ({ page }) => {
    const stranger = `stranger.${Date.now()}@example.org`;
    await requestSignInLink(page, stranger);
    const unknownPage = await page.locator("main").innerText();

    await requestSignInLink(page, OWNER_EMAIL);
    expect(await page.locator("main").innerText()).toBe(unknownPage);

    // The owner's mail arrives; by then the stranger's would have too.
    await waitForMail(OWNER_EMAIL, { subjectIncludes: SIGN_IN_SUBJECT });
    expect(await mailsTo(stranger)).toHaveLength(0);
    expect(await sqlRow('SELECT count(*) AS n FROM "AdminLoginToken" WHERE email = ?', stranger)).toEqual({ n: 0 });
  });

  test("a malformed address is refused with a clear message", async ({ page }) => {
    await page.goto("/admin/sign-in");
    await page.getByLabel("Email address").fill("not an address");
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await expect(page.locator("#main").getByRole("alert").filter({ hasText: "Enter an email address in the correct format, like name@example.org." })).toBeVisible();
    await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  });

  test("a made-up link does not sign in", async ({ page }) => {
    await page.goto("/admin/sign-in/verify?token=" + "A".repeat(43));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#main").getByRole("alert").filter({ hasText: "invalid, has expired or has already been used" })).toBeVisible();
    await page.goto("/admin/sign-in/verify?token=short");
    await expect(page.locator("#main").getByRole("alert").filter({ hasText: "invalid" })).toBeVisible();
  });

  test("sign-out ends the session: the old cookie no longer opens the admin", async ({ page, browser }) => {
    await signInThroughMail(page, "other-owner@example.org");
    const state = await page.context().storageState();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You are signed out.")).toBeVisible();
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in$/);

    // Even a copy of the cookie taken before signing out is now worthless.
    const replay = await browser.newContext({ storageState: state });
    const replayPage = await replay.newPage();
    await replayPage.goto("/admin");
    await expect(replayPage).toHaveURL(/\/admin\/sign-in$/);
    await replay.close();
  });

  test("admin pages are not cached, not indexed and cannot be framed", async ({ request }) => {
    const response = await request.get("/admin/sign-in");
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["cache-control"]).toContain("no-store");
    expect(headers["x-robots-tag"]).toContain("noindex");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('<meta name="robots" content="noindex, nofollow"/>');
  });
});

test.describe("partner admins", () => {
  test("an owner invites a partner admin, who is mailed, signs in bound to the partner, and loses access when disabled", async ({ browser }) => {
    const partnerEmail = `partner.invite.${Date.now().toString(36)}@example.org`;
    const owner = await adminPage(browser);
    await owner.goto("/admin/admins");

    // Mistakes are explained and change nothing.
    await owner.getByLabel("Email address").fill(partnerEmail);
    await owner.getByRole("button", { name: "Invite" }).click();
    await expect(owner.locator("#main").getByRole("alert")).toHaveText("Choose the partner organisation this admin works for.");
    await owner.getByLabel("Email address").fill(OWNER_EMAIL);
    await owner.getByLabel("Partner organisation").selectOption({ label: "International Federation for Human Rights" });
    await owner.getByRole("button", { name: "Invite" }).click();
    await expect(owner.locator("#main").getByRole("alert")).toHaveText("This address is an owner (listed in ADMIN_EMAILS) and cannot be a partner admin.");

    await owner.getByLabel("Email address").fill(partnerEmail);
    await owner.getByLabel("Partner organisation").selectOption({ label: "International Federation for Human Rights" });
    await owner.getByRole("button", { name: "Invite" }).click();
    await expect(owner.getByRole("status").filter({ hasText: "Invitation sent." })).toBeVisible();
    const invite = await waitForMail(partnerEmail, { subjectIncludes: "invited" });
    expect(invite.subject).toBe("You have been invited to the campaign admin for International Federation for Human Rights");
    expect(extractLink(invite, "/admin/sign-in")).toMatch(/\/admin\/sign-in$/);

    const partnerContext = await browser.newContext();
    const partner = await partnerContext.newPage();
    await signInThroughMail(partner, partnerEmail);
    await expect(partner.getByText(`Signed in as ${partnerEmail} (partner: fidh)`)).toBeVisible();

    await owner.reload();
    await owner.locator("summary").filter({ hasText: `Disable ${partnerEmail}` }).click();
    await owner.getByRole("button", { name: `Yes, disable ${partnerEmail}` }).click();
    await expect(owner.getByRole("status").filter({ hasText: "signed out everywhere" })).toBeVisible();
    await partner.goto("/admin");
    await expect(partner).toHaveURL(/\/admin\/sign-in$/);

    // A disabled admin gets the same page and no new link (none is even created).
    const links = () => sqlValue('SELECT count(*) AS n FROM "AdminLoginToken" WHERE email = ?', partnerEmail);
    const before = await links();
    await requestSignInLink(partner, partnerEmail);
    expect(await links()).toBe(before);

    // The invitation, the partner's own sign-in and the disabling, each about this admin and by whom.
    const partnerId = await sqlValue<string>('SELECT id FROM "AdminUser" WHERE email = ?', partnerEmail);
    const audit = await sql('SELECT action, "actorLabel" FROM "AuditLog" WHERE "targetId" = ? ORDER BY "createdAt"', partnerId);
    expect(audit).toEqual([
      { action: "admin.invite", actorLabel: OWNER_EMAIL },
      { action: "admin.sign-in", actorLabel: partnerEmail },
      { action: "admin.disable", actorLabel: OWNER_EMAIL },
    ]);
    await partnerContext.close();
    await owner.context().close();
  });
});
