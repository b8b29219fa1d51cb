import { readFileSync } from "node:fs";
import path from "node:path";
import { create, type Font } from "fontkit";
import { describe, expect, it } from "vitest";
import { emittedForms, presentationForms, reverseClusters, visualRtlWord } from "@/lib/sharing/arabic-shaping";

// Arabic and Uyghur words shaped for the image renderer: each letter as its presentation form, then
// the word reversed into drawing (left-to-right) order. Expected code points checked by hand
// against the Unicode charts (Arabic Presentation Forms-A and -B).

const hex = (text: string) => [...text].map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")).join(" ");

describe("presentation forms", () => {
  it.each([
    // Uyghur: ئ initial, ى medial (Uyghur form), م medial, ز final, ا isolated
    ["ئىمزا", "FE8B FBE9 FEE4 FEB0 FE8D"],
    // ش initial, ى medial, ن medial, ج medial, ا final, ڭ isolated
    ["شىنجاڭ", "FEB7 FBE9 FEE8 FEA0 FE8E FBD3"],
    // ھ initial, ە final (as final heh), ق initial, ق medial, ى medial, د final, ە isolated (itself)
    ["ھەققىدە", "FBAC FEEA FED7 FED8 FBE9 FEAA 06D5"],
    // س initial, ۆ final, ز isolated, ل initial, ە final, ڭ isolated
    ["سۆزلەڭ", "FEB3 FBDA FEAF FEDF FEEA FBD3"],
    // ي initial, ې medial, ز final, ى initial (Uyghur form), ق final
    ["يېزىق", "FEF3 FBE7 FEB0 FBE8 FED6"],
    // ئ initial, ۈ final, چ initial, ۈ final, ن isolated
    ["ئۈچۈن", "FE8B FBDC FB7C FBDC FEE5"],
    // ك (Uyghur k) initial, ى medial, ش medial, ى final
    ["كىشى", "FEDB FBE9 FEB8 FEF0"],
    // ا isolated, ل initial, س medial, ي medial, د final
    ["السيد", "FE8D FEDF FEB4 FEF4 FEAA"],
  ])("%s", (word, expected) => {
    expect(hex(presentationForms(word))).toBe(expected);
  });

  it("joins lam and alef into one ligature, isolated after a letter that does not join on, final after one that does", () => {
    expect(hex(presentationForms("الأمين"))).toBe("FE8D FEF7 FEE3 FEF4 FEE6"); // ا, لأ isolated, م initial, ي medial, ن final
    expect(hex(presentationForms("سلام"))).toBe("FEB3 FEFC FEE1"); // س initial, لا final, م isolated
  });

  it("keeps marks (tanween, shadda, kasra) after their letter and lets the letters around them join through", () => {
    expect(hex(presentationForms("شخصًا"))).toBe("FEB7 FEA8 FEBC 064B FE8E");
    expect(hex(presentationForms("وقّعوا"))).toBe("FEED FED7 0651 FECC FEEE FE8D");
    expect(hex(presentationForms("أضِف"))).toBe("FE83 FEBF 0650 FED2");
  });

  it("leaves other characters as they are and does not join across them", () => {
    expect(hex(presentationForms("اسمك:"))).toBe("FE8D FEB3 FEE4 FEDA 003A");
    expect(hex(presentationForms("ب،ب"))).toBe("FE8F 060C FE8F");
  });
});

describe("visual order", () => {
  it("reverses a word by letters, each letter's marks just before it (drawn on it, not on its neighbour)", () => {
    expect(hex(reverseClusters("abc"))).toBe("0063 0062 0061");
    expect(hex(visualRtlWord("ئىمزا"))).toBe("FE8D FEB0 FEE4 FBE9 FE8B");
    expect(hex(visualRtlWord("شخصًا"))).toBe("FE8E 064B FEBC FEA8 FEB7");
    expect(hex(visualRtlWord("وقّعوا"))).toBe("FE8D FEEE FECC 0651 FED7 FEED");
    expect(hex(visualRtlWord("الأمين"))).toBe("FEE6 FEF4 FEE3 FEF7 FE8D");
    expect(hex(visualRtlWord("اسمك:"))).toBe("003A FEDA FEE4 FEB3 FE8D"); // the colon ends up on the left
  });

  it("gives the renderer nothing it would shape itself: no Arabic letter is left in a shaped word", () => {
    const shaped = visualRtlWord("ب د ت باش كاتىپى، شىنجاڭ ھەققىدە ئوچۇق سۆزلەڭ ئىسمىڭىزنى قوشۇڭ ئۆزگەرتىش الأمين العام السيد".replaceAll(" ", ""));
    // U+06D5 isolated is drawn as itself (it has no presentation form); U+060C is the Arabic comma.
    expect([...shaped].filter((c) => /[\u0600-\u06ff]/.test(c) && c !== "\u06d5" && c !== "\u060c")).toEqual([]);
  });
});

describe("glyph coverage", () => {
  it.each([400, 700])("Noto Sans Arabic %i (the file the cards load) has a glyph for every presentation form emitted", (weight) => {
    const file = path.join(process.cwd(), `node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-${weight}-normal.woff`);
    const font = create(readFileSync(file)) as Font;
    const codes = emittedForms();
    expect(codes.length).toBeGreaterThan(150);
    expect(codes.filter((code) => !font.hasGlyphForCodePoint(code)).map((code) => code.toString(16))).toEqual([]);
  });
});
