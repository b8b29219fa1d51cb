import { describe, expect, it } from "vitest";
import { emailDomainOf, mailCapKey, normalizeEmail } from "@/lib/signatures/email";

// One signature per person: addresses that land in the same inbox must normalise to the same key,
// and addresses that land in different inboxes must not.

describe("the address that identifies a signer", () => {
  it("ignores letter case", () => {
    expect(normalizeEmail("Aylin.Kadir@Example.ORG")).toBe("aylin.kadir@example.org");
  });

  it("ignores surrounding whitespace", () => {
    expect(normalizeEmail("  aylin@example.org \n")).toBe("aylin@example.org");
  });

  it("treats Gmail addresses with dots, plus tags and case as one inbox", () => {
    const variants = ["aylinkadir@gmail.com", "Aylin.Kadir@gmail.com", "a.y.l.i.n.kadir+petition@GMAIL.com", "aylinkadir+xinjiang@gmail.com"];
    expect(new Set(variants.map(normalizeEmail))).toEqual(new Set(["aylinkadir@gmail.com"]));
  });

  it("treats googlemail.com as gmail.com", () => {
    expect(normalizeEmail("Aylin.Kadir+un@googlemail.com")).toBe("aylinkadir@gmail.com");
  });

  it.each(["outlook.com", "hotmail.com"])("drops plus tags but keeps dots at %s", (domain) => {
    expect(normalizeEmail(`Aylin.Kadir+petition@${domain}`)).toBe(`aylin.kadir@${domain}`);
    expect(normalizeEmail(`aylin.kadir@${domain}`)).not.toBe(normalizeEmail(`aylinkadir@${domain}`));
  });

  it("keeps dots and plus tags at other providers, where they may be different people", () => {
    expect(normalizeEmail("Aylin.Kadir+family@example.org")).toBe("aylin.kadir+family@example.org");
    expect(normalizeEmail("aylin.kadir@example.org")).not.toBe(normalizeEmail("aylinkadir@example.org"));
    expect(normalizeEmail("aylin+a@example.org")).not.toBe(normalizeEmail("aylin+b@example.org"));
  });

  it("does not mistake a provider name inside another domain for that provider", () => {
    expect(normalizeEmail("a.kadir+x@notgmail.com")).toBe("a.kadir+x@notgmail.com");
    expect(normalizeEmail("a.kadir+x@gmail.com.example.org")).toBe("a.kadir+x@gmail.com.example.org");
  });

  it("ignores a trailing dot on the domain", () => {
    expect(normalizeEmail("aylin@example.org.")).toBe("aylin@example.org");
  });
});

describe("the inbox the per-address mail cap counts", () => {
  it("strips plus tags and folds case at every provider", () => {
    const variants = ["victim@example.org", "victim+1@example.org", "Victim+2@EXAMPLE.org", " victim+a+b@example.org "];
    expect(new Set(variants.map(mailCapKey))).toEqual(new Set(["victim@example.org"]));
  });

  it("keeps Gmail's own rules (dots ignored) and tells different inboxes apart", () => {
    expect(mailCapKey("V.ic.tim+9@googlemail.com")).toBe("victim@gmail.com");
    expect(mailCapKey("victim@example.org")).not.toBe(mailCapKey("victim2@example.org"));
    expect(mailCapKey("victim@example.org")).not.toBe(mailCapKey("victim@example.net"));
  });

  it("does not strip a leading plus, which is the whole mailbox name", () => {
    expect(mailCapKey("+1@example.org")).toBe("+1@example.org");
  });

  it("gives the normalised domain", () => {
    expect(emailDomainOf("a@GoogleMail.com")).toBe("gmail.com");
    expect(emailDomainOf("a@Example.ORG.")).toBe("example.org");
  });
});
