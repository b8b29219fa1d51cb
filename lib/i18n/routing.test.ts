import { describe, expect, it } from "vitest";
import { languageName, pathInLocale, routing, textDirection } from "@/lib/i18n/routing";

describe("locales", () => {
  it("takes the writing direction from CLDR, Uyghur included", () => {
    expect(routing.locales.map((l) => [l, textDirection(l)])).toEqual([
      ["en", "ltr"],
      ["fr", "ltr"],
      ["es", "ltr"],
      ["ru", "ltr"],
      ["zh-Hans", "ltr"],
      ["ar", "rtl"],
      ["ug", "rtl"],
    ]);
    // Languages a hard-coded list would have to remember, and a tag Intl rejects.
    expect(["he", "fa", "ur", "ps", "sd", "ckb"].map((l) => textDirection(l))).toEqual(Array(6).fill("rtl"));
    expect(textDirection("not a locale!")).toBe("ltr");
  });

  it("names each language in its own script", () => {
    expect(routing.locales.map(languageName)).toEqual(["English", "Français", "Español", "Русский", "简体中文", "العربية", "ئۇيغۇرچە"]);
  });

  it("moves a page's path to another locale, whichever form it was shown in", () => {
    expect(pathInLocale("/", "ar")).toBe("/ar");
    expect(pathInLocale("/en", "fr")).toBe("/fr");
    expect(pathInLocale("/c/guterres-xinjiang", "ug")).toBe("/ug/c/guterres-xinjiang");
    expect(pathInLocale("/zh-Hans/confirm/abc", "en")).toBe("/en/confirm/abc");
    expect(pathInLocale("/ar/c/x/privacy", "ru")).toBe("/ru/c/x/privacy");
  });
});
