import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/messages";
import type { Locale } from "@/lib/i18n/routing";

// The count as each language writes it (CLDR plural rules through ICU): the sentence under the
// progress bar on the campaign page, and the badge.

function count(locale: Locale, n: number): string {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "Counter" })("count", { count: n });
}

function badge(locale: Locale, n: number): string {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: "Badge" })("label", { count: n });
}

describe("the count's plural forms", () => {
  it("English: one, other, and nothing yet at zero", () => {
    expect(count("en", 0)).toBe("No confirmed signatures yet");
    expect(count("en", 1)).toBe("1 person has signed");
    expect(count("en", 2)).toBe("2 people have signed");
    expect(count("en", 1234567)).toBe("1,234,567 people have signed");
  });

  it("French: one for 1, other (and many) above, with a narrow space in thousands", () => {
    expect(count("fr", 1)).toBe("1 personne a signé");
    expect(count("fr", 2)).toBe("2 personnes ont signé");
    expect(count("fr", 1000000)).toBe("1\u202f000\u202f000 personnes ont signé");
  });

  it("Spanish: one and other, with a dot in thousands", () => {
    expect(count("es", 1)).toBe("1 persona ha firmado");
    expect(count("es", 5)).toBe("5 personas han firmado");
    expect(count("es", 1000000)).toBe("1.000.000 personas han firmado");
  });

  it("Russian: one (1, 21), few (2–4, 22) and many (5–20, 100)", () => {
    expect(count("ru", 1)).toBe("1 человек подписал");
    expect(count("ru", 21)).toBe("21 человек подписал");
    expect(count("ru", 2)).toBe("2 человека подписали");
    expect(count("ru", 22)).toBe("22 человека подписали");
    expect(count("ru", 5)).toBe("5 человек подписали");
    expect(count("ru", 11)).toBe("11 человек подписали");
    expect(badge("ru", 1)).toMatch(/^1 подпись$/);
    expect(badge("ru", 3)).toMatch(/^3 подписи$/);
    expect(badge("ru", 5)).toMatch(/^5 подписей$/);
  });

  it("Chinese: one form for every number", () => {
    expect(count("zh-Hans", 1)).toBe("已有1人签名");
    expect(count("zh-Hans", 2)).toBe("已有2人签名");
    expect(count("zh-Hans", 1000000)).toBe("已有1,000,000人签名");
  });

  it("Arabic: zero, one, two, few (3–10), many (11–99) and other (100…)", () => {
    expect(count("ar", 0)).toBe("لا توجد توقيعات مؤكدة بعد");
    expect(count("ar", 1)).toBe("وقّع شخص واحد");
    expect(count("ar", 2)).toBe("وقّع شخصان");
    expect(count("ar", 3)).toBe("وقّع 3 أشخاص");
    expect(count("ar", 11)).toBe("وقّع 11 شخصًا");
    expect(count("ar", 100)).toBe("وقّع 100 شخص");
    expect(badge("ar", 2)).toBe("توقيعان");
    expect(badge("ar", 5)).toBe("5 توقيعات");
    expect(badge("ar", 11)).toBe("11 توقيعًا");
  });

  it("Uyghur: one and other, the noun singular after a number", () => {
    expect(count("ug", 0)).toBe("تېخى جەزملەشتۈرۈلگەن ئىمزا يوق");
    expect(count("ug", 1)).toBe("1 كىشى ئىمزا قويدى");
    expect(count("ug", 1000)).toBe("1,000 كىشى ئىمزا قويدى");
  });
});
