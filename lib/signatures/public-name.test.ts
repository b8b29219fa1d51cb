import { describe, expect, it } from "vitest";
import { publicDisplayName } from "@/lib/signatures/public-name";

// The list of recent signers shows a first name and an initial, never a full name.

describe("a signer's name in the public list", () => {
  it("is the first name and the initial of the last name", () => {
    expect(publicDisplayName("Aylin Kadir")).toBe("Aylin K.");
  });

  it("is only an initial for a single-word name, which may be a full name", () => {
    expect(publicDisplayName("Aylin")).toBe("A.");
    expect(publicDisplayName("aylin")).toBe("A.");
  });

  it("ignores extra spaces around and between words", () => {
    expect(publicDisplayName("   Aylin    Kadir  ")).toBe("Aylin K.");
    expect(publicDisplayName("Aylin\t\nKadir")).toBe("Aylin K.");
  });

  it("uses the last word's initial and drops middle names", () => {
    expect(publicDisplayName("Mehmet Ali Emin Tohti")).toBe("Mehmet T.");
  });

  it("capitalises the initial", () => {
    expect(publicDisplayName("aylin kadir")).toBe("aylin K.");
    expect(publicDisplayName("Jean de la fontaine")).toBe("Jean F.");
  });

  it("keeps a whole accented letter as the initial", () => {
    expect(publicDisplayName("Zoë E\u0301mile")).toBe("Zoë E\u0301.");
    expect(publicDisplayName("Jean Élise")).toBe("Jean É.");
  });

  it("handles Uyghur in Arabic script", () => {
    expect(publicDisplayName("ئەركىن سىدىق")).toBe("ئەركىن س.");
  });

  it("is empty for a blank name", () => {
    expect(publicDisplayName("   ")).toBe("");
  });

  it("returns markup as plain text, leaving escaping to the page", () => {
    expect(publicDisplayName("<script>alert(1)</script> Kadir")).toBe("<script>alert(1)</script> K.");
    expect(publicDisplayName("Aylin <b>Kadir</b>")).toBe("Aylin B.");
  });

  it("never shows an invisible entry, even for a name stored before names were cleaned", () => {
    expect(publicDisplayName("\u200B\u200B\u200Ba\u200B")).toBe("A.");
    expect(publicDisplayName("\u200B\u200B \u200B")).toBe("");
    expect(publicDisplayName("\u3164 \u3164")).toBe("");
    expect(publicDisplayName("\u2067\u200F Kadir")).toBe("K.");
    expect(publicDisplayName("Aylin \u0301Kadir")).toBe("Aylin K.");
  });

  it("leaves out words with no letter or digit, such as unassigned code points (found by fast-check)", () => {
    expect(publicDisplayName("\u{3347A}\u0000\u0D85\u0000\uD7FC")).toBe("\u0D85.");
    expect(publicDisplayName("Aylin \u2764")).toBe("A.");
  });

  it("never reveals the last name", () => {
    expect(publicDisplayName("Aylin Kadir")).not.toContain("Kadir");
  });
});
