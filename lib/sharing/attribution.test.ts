import { describe, expect, it } from "vitest";
import {
  attributionFields,
  attributionFromForm,
  attributionFromSearchParams,
  referrerHostFrom,
  signatureSource,
} from "@/lib/sharing/attribution";
import { generateReferralCode, isWellFormedReferralCode } from "@/lib/sharing/referral-code";

describe("attribution from a landing URL and a posted form", () => {
  it("reads ref, utm_*, partner and keeps the first value of a repeated parameter", () => {
    expect(
      attributionFromSearchParams({
        ref: "abcdefghjk",
        utm_source: ["whatsapp", "x"],
        utm_medium: "share",
        utm_campaign: " Autumn 2026 ",
        utm_term: "uyghur rights",
        utm_content: "banner-1",
        partner: "fidh",
        other: "ignored",
      }),
    ).toEqual({
      refCode: "abcdefghjk",
      utmSource: "whatsapp",
      utmMedium: "share",
      utmCampaign: "Autumn 2026",
      utmTerm: "uyghur rights",
      utmContent: "banner-1",
      partner: "fidh",
    });
  });

  it.each([
    ["a too long ref", { ref: "a".repeat(33) }],
    ["a ref with other characters", { ref: "abc<script>" }],
    ["an empty utm value", { utm_source: "  " }],
    ["a utm value over 100 characters", { utm_source: "a".repeat(101) }],
    ["markup in a utm value", { utm_campaign: '<img src=x onerror="1">' }],
    ["a control character", { utm_medium: "share\u0000" }],
    ["a bidi override", { utm_term: "abc\u202Edef" }],
    ["a partner that is not a slug", { partner: "FIDH!" }],
  ])("drops %s", (_, params) => {
    expect(attributionFromSearchParams(params)).toEqual({});
  });

  it("reads the same fields from a form, plus the referrer host and the embed flag", () => {
    const form = new FormData();
    for (const [name, value] of attributionFields({ refCode: "abcdefghjk", utmSource: "copy", referrerHost: "news.example.com", partner: "fidh", embed: true })) {
      form.set(name, value);
    }
    expect(attributionFromForm(form)).toEqual({ refCode: "abcdefghjk", utmSource: "copy", referrerHost: "news.example.com", partner: "fidh", embed: true });
  });

  it("rejects a referrer host that is not a host name", () => {
    const form = new FormData();
    form.set("referrer_host", "evil.example/<x>");
    form.set("embed", "yes");
    expect(attributionFromForm(form)).toEqual({});
  });

  it("omits empty fields from the hidden inputs", () => {
    expect(attributionFields({})).toEqual([]);
    expect(attributionFields({ utmMedium: "share" })).toEqual([["utm_medium", "share"]]);
  });
});

describe("the referring host", () => {
  const own = "https://sign.example.org";
  it("is the Referer's host, lower-cased, with its port", () => {
    expect(referrerHostFrom("https://News.Example.com/a/b?c=d", own)).toBe("news.example.com");
    expect(referrerHostFrom("http://localhost:3250/partner", own)).toBe("localhost:3250");
  });
  it("is nothing for this site itself, a missing or malformed Referer, or another scheme", () => {
    expect(referrerHostFrom("https://sign.example.org/c/x", own)).toBeUndefined();
    expect(referrerHostFrom(null, own)).toBeUndefined();
    expect(referrerHostFrom("not a url", own)).toBeUndefined();
    expect(referrerHostFrom("android-app://com.example/", own)).toBeUndefined();
  });
});

describe("the source of a signature", () => {
  it("is embed, then referral, then utm, then direct", () => {
    expect(signatureSource({ embed: true, knownReferrer: true, hasUtm: true })).toBe("embed");
    expect(signatureSource({ embed: false, knownReferrer: true, hasUtm: true })).toBe("referral");
    expect(signatureSource({ embed: false, knownReferrer: false, hasUtm: true })).toBe("utm");
    expect(signatureSource({ embed: false, knownReferrer: false, hasUtm: false })).toBe("direct");
  });
});

describe("referral codes", () => {
  it("are 10 characters of an alphabet without look-alikes, and differ", () => {
    const codes = Array.from({ length: 200 }, generateReferralCode);
    for (const code of codes) expect(isWellFormedReferralCode(code)).toBe(true);
    expect(new Set(codes).size).toBe(200);
    expect(codes.join("")).not.toMatch(/[01ilo]/);
  });
  it("a code of another length or with other characters is not one of ours", () => {
    expect(isWellFormedReferralCode("abcdefghj")).toBe(false);
    expect(isWellFormedReferralCode("abcdefghjkm")).toBe(false);
    expect(isWellFormedReferralCode("ABCDEFGHJK")).toBe(false);
    expect(isWellFormedReferralCode("abcdefghj0")).toBe(false);
  });
});
