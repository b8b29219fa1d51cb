import { describe, expect, it } from "vitest";
import { fromHeader, mailFromAddress } from "@/lib/mail/sender";
import { adminInviteEmail, adminSignInEmail, alreadySignedEmail, confirmationEmail } from "@/lib/mail/templates";

// The emails a supporter receives: a plain-text part and an HTML part saying the same thing.

const confirmUrl = "https://sign.example.org/confirm/Zq3_x-9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
const privacyUrl = "https://sign.example.org/privacy";
const sender = { name: "The Xinjiang letter coalition", privacyUrl };

function confirmation(name = "Aylin Kadir", campaignTitle = "Secretary-General, speak out on Xinjiang") {
  return confirmationEmail({ locale: "en", name, campaignTitle, confirmUrl, validDays: 30, sender });
}

describe("the confirmation email", () => {
  it("has a subject naming the campaign", () => {
    expect(confirmation().subject).toBe("Please confirm your signature: Secretary-General, speak out on Xinjiang");
  });

  it("carries the confirmation link in the text part, on a line of its own", () => {
    expect(confirmation().text.split("\n")).toContain(confirmUrl);
  });

  it("carries the confirmation link in the HTML part as a button and as a visible link", () => {
    const { html } = confirmation();
    expect(html.split(`href="${confirmUrl}"`)).toHaveLength(3);
    expect(html).toContain(`>${confirmUrl}</a>`);
    expect(html).toContain(">Open the confirmation page</a>");
  });

  it("greets the supporter by name and says how long the link works", () => {
    const { text, html } = confirmation();
    expect(text).toContain("Hello Aylin Kadir,");
    expect(text).toContain("The link works for 30 days.");
    expect(html).toContain("Hello Aylin Kadir,");
    expect(html).toContain("The link works for 30 days.");
  });

  it("escapes a name written as markup in the HTML part", () => {
    const { html } = confirmation("<script>alert(1)</script>");
    expect(html).not.toContain("<script");
    expect(html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;,");
  });

  it("shows a name written as markup literally in the text part", () => {
    expect(confirmation("<script>alert(1)</script>").text).toContain("Hello <script>alert(1)</script>,");
  });

  it("escapes quotes and ampersands so a name cannot break out of the markup", () => {
    const { html } = confirmation(`Tom "&" <b onmouseover='x'>`);
    expect(html).toContain("Hello Tom &quot;&amp;&quot; &lt;b onmouseover=&#39;x&#39;&gt;,");
    expect(html).not.toContain("<b ");
  });

  it("escapes a campaign title in the HTML part", () => {
    const { html, subject } = confirmation("Aylin", "Free <Ilham> & friends");
    expect(html).toContain("Free &lt;Ilham&gt; &amp; friends");
    expect(html).not.toContain("<Ilham>");
    expect(subject).toBe("Please confirm your signature: Free <Ilham> & friends");
  });

  it("escapes a link in attributes and text", () => {
    const { html } = confirmationEmail({
      locale: "en",
      name: "Aylin",
      campaignTitle: "T",
      confirmUrl: `https://sign.example.org/confirm/a"><script>x</script>`,
      validDays: 30,
      sender,
    });
    expect(html).not.toContain("<script");
    expect(html).toContain(`href="https://sign.example.org/confirm/a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"`);
  });

  it("is a complete HTML document in the supporter's language", () => {
    const { html } = confirmation();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<meta charset="utf-8">');
  });
});

describe("the already-signed email", () => {
  const mail = alreadySignedEmail({
    locale: "en",
    name: "<script>alert(1)</script>",
    campaignTitle: "Secretary-General, speak out on Xinjiang",
    campaignUrl: "https://sign.example.org/c/guterres-xinjiang",
    sender,
  });

  it("tells the supporter they already signed and links to the campaign in both parts", () => {
    expect(mail.subject).toBe("You have already signed: Secretary-General, speak out on Xinjiang");
    expect(mail.text).toContain("https://sign.example.org/c/guterres-xinjiang");
    expect(mail.html).toContain('href="https://sign.example.org/c/guterres-xinjiang"');
  });

  it("carries no confirmation link", () => {
    expect(mail.text).not.toContain("/confirm/");
    expect(mail.html).not.toContain("/confirm/");
  });

  it("escapes the name in HTML and keeps it literal in text", () => {
    expect(mail.html).not.toContain("<script");
    expect(mail.text).toContain("Hello <script>alert(1)</script>,");
  });
});

// Who the emails come from, and where a signer reads how their data is handled (ADR 056).
describe("the sender and the closing of every email", () => {
  const already = () => alreadySignedEmail({ locale: "en", name: "Aylin", campaignTitle: "T", campaignUrl: "https://sign.example.org/c/t", sender });
  const signIn = adminSignInEmail({ locale: "en", signInUrl: "https://sign.example.org/admin/sign-in/verify?token=t", validMinutes: 15, privacyUrl });
  const invite = adminInviteEmail({ locale: "en", partnerName: "FIDH", signInPageUrl: "https://sign.example.org/admin/sign-in", privacyUrl });

  it("a signer's email names the campaign's sender as its From name", () => {
    expect(confirmation().fromName).toBe("The Xinjiang letter coalition");
    expect(already().fromName).toBe("The Xinjiang letter coalition");
  });

  it("a signer's email is signed by the campaign's sender, then links the privacy notice, in both parts", () => {
    for (const mail of [confirmation(), already()]) {
      expect(mail.text).toMatch(/\n\n— The Xinjiang letter coalition\n\nHow we handle your data, and how to have it erased:\nhttps:\/\/sign\.example\.org\/privacy\n$/);
      expect(mail.text).not.toContain("The campaign team");
      expect(mail.html).toContain("— The Xinjiang letter coalition</p>");
      expect(mail.html).toContain(`How we handle your data, and how to have it erased:<br><a href="${privacyUrl}"`);
    }
  });

  it("each campaign signs with its own name: the sign-off is not the first campaign's, kept from an earlier email", () => {
    confirmation();
    const other = confirmationEmail({ locale: "en", name: "A", campaignTitle: "Free them", confirmUrl, validDays: 30, sender: { name: "Free them now", privacyUrl: "https://sign.example.org/c/free-them/privacy" } });
    expect(other.fromName).toBe("Free them now");
    expect(other.text).toContain("— Free them now\n\nHow we handle your data, and how to have it erased:\nhttps://sign.example.org/c/free-them/privacy\n");
    expect(other.text).not.toContain("Xinjiang letter coalition");
  });

  it("escapes the sender's name in the HTML part", () => {
    const mail = confirmationEmail({ locale: "en", name: "A", campaignTitle: "T", confirmUrl, validDays: 30, sender: { name: "Friends <b>& allies</b>", privacyUrl } });
    expect(mail.html).toContain("— Friends &lt;b&gt;&amp; allies&lt;/b&gt;</p>");
    expect(mail.text).toContain("— Friends <b>& allies</b>\n");
  });

  it("without a sender name (a campaign loaded before its content named one) is signed by the campaign team under MAIL_FROM's name", () => {
    const mail = confirmationEmail({ locale: "en", name: "A", campaignTitle: "T", confirmUrl, validDays: 30, sender: { name: " ", privacyUrl } });
    expect(mail.fromName).toBeUndefined();
    expect(mail.text).toContain("— The campaign team\n\nHow we handle your data");
  });

  it("an admin's emails link the privacy notice too, under MAIL_FROM's own name", () => {
    for (const mail of [signIn, invite]) {
      expect(mail.fromName).toBeUndefined();
      expect(mail.text).toMatch(/How we handle your data, and how to have it erased:\nhttps:\/\/sign\.example\.org\/privacy\n$/);
      expect(mail.html).toContain(`<a href="${privacyUrl}"`);
    }
  });
});

describe("the From header", () => {
  it("is MAIL_FROM as it is when the email names no sender", () => {
    expect(fromHeader('"Speak Out" <no-reply@localhost>', undefined)).toBe('"Speak Out" <no-reply@localhost>');
    expect(fromHeader("petitions@example.org", "  ")).toBe("petitions@example.org");
  });

  it("puts a campaign's name on MAIL_FROM's address, whichever way MAIL_FROM is written", () => {
    expect(fromHeader('"Speak Out" <campaign@example.org>', "The Xinjiang letter coalition")).toEqual({ name: "The Xinjiang letter coalition", address: "campaign@example.org" });
    expect(fromHeader("petitions@example.org", "The Xinjiang letter coalition")).toEqual({ name: "The Xinjiang letter coalition", address: "petitions@example.org" });
    expect(fromHeader("Speak Out < campaign@example.org >", "X")).toEqual({ name: "X", address: "campaign@example.org" });
  });

  it("takes the address from MAIL_FROM, not a look-alike in its display name", () => {
    expect(mailFromAddress('"Write to a@evil.example" <campaign@example.org>')).toBe("campaign@example.org");
  });
});
