import { describe, expect, it } from "vitest";
import { alreadySignedEmail, confirmationEmail } from "@/lib/mail/templates";

// The emails a supporter receives: a plain-text part and an HTML part saying the same thing.

const confirmUrl = "https://sign.example.org/confirm/Zq3_x-9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

function confirmation(name = "Aylin Kadir", campaignTitle = "Secretary-General, speak out on Xinjiang") {
  return confirmationEmail({ locale: "en", name, campaignTitle, confirmUrl, validDays: 30 });
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
    });
    expect(html).not.toContain("<script");
    expect(html).toContain(`href="https://sign.example.org/confirm/a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"`);
  });

  it("is a complete HTML document in the supporter's language", () => {
    const { html } = confirmation();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta charset="utf-8">');
  });
});

describe("the already-signed email", () => {
  const mail = alreadySignedEmail({
    locale: "en",
    name: "<script>alert(1)</script>",
    campaignTitle: "Secretary-General, speak out on Xinjiang",
    campaignUrl: "https://sign.example.org/c/guterres-xinjiang",
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
