import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { loadContent } from "@/lib/campaigns/content";
import { publicCatalogs } from "@/lib/i18n/messages";
import { routing } from "@/lib/i18n/routing";

// The missing-translation check (docs/decisions/059-languages.md): every public message and every
// field of campaign content exists in every locale, and every message says the same things as the
// English one (its arguments, tags and plural forms).

const ROOT = path.resolve(__dirname, "../..");
const translations = routing.locales.filter((l) => l !== routing.defaultLocale);

type Tree = { [key: string]: string | string[] | Tree };

/** Every leaf of a catalog as "Namespace.key" → text (arrays as "key.0", "key.1"…). */
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const at = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(at, value);
    else for (const [k, v] of leaves(value as Tree, at)) out.set(k, v);
  }
  return out;
}

/** What a message needs from its caller: argument names with their types, and rich-text tags. */
function signature(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument) found.add(`arg:${e.value}`);
      else if (e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) found.add(`${TYPE[e.type]}:${e.value}`);
      else if (e.type === TYPE.tag) {
        found.add(`tag:${e.value}`);
        walk(e.children);
      } else if (e.type === TYPE.plural || e.type === TYPE.select) {
        found.add(`${e.type === TYPE.plural ? "plural" : "select"}:${e.value}`);
        for (const option of Object.values(e.options)) walk(option.value);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

/** Every plural in a message: its argument and the branches it offers. */
function plurals(message: string): { arg: string; options: string[] }[] {
  const out: { arg: string; options: string[] }[] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.plural) out.push({ arg: e.value, options: Object.keys(e.options) });
      if (e.type === TYPE.plural || e.type === TYPE.select) for (const option of Object.values(e.options)) walk(option.value);
      if (e.type === TYPE.tag) walk(e.children);
    }
  };
  walk(parse(message));
  return out;
}

const english = leaves(publicCatalogs.en as unknown as Tree);

describe("interface catalogs", () => {
  it("has a catalog file for every locale the site speaks, and no other", () => {
    const files = fs.readdirSync(path.join(ROOT, "content/messages")).filter((f) => f.endsWith(".json") && !f.startsWith("admin."));
    expect(files.map((f) => f.replace(/\.json$/, "")).sort()).toEqual([...routing.locales].sort());
  });

  for (const locale of translations) {
    describe(locale, () => {
      const catalog = leaves(publicCatalogs[locale] as unknown as Tree);

      it("has every English key, and nothing else", () => {
        expect([...english.keys()].filter((k) => !catalog.has(k)), "missing in " + locale).toEqual([]);
        expect([...catalog.keys()].filter((k) => !english.has(k)), "not in English").toEqual([]);
      });

      it("has no empty message, and none left in English where the English is a sentence", () => {
        const empty = [...catalog].filter(([, text]) => text.trim() === "").map(([k]) => k);
        expect(empty).toEqual([]);
        const untranslated = [...catalog].filter(([k, text]) => text === english.get(k) && /[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(text)).map(([k]) => k);
        expect(untranslated, "still the English text").toEqual([]);
      });

      it("uses the same arguments and tags as the English in every message", () => {
        const differ = [...english].filter(([k, text]) => catalog.has(k) && signature(text).join() !== signature(catalog.get(k)!).join()).map(([k]) => k);
        expect(differ).toEqual([]);
      });

      it("gives every plural the locale's own categories, and always `other`", () => {
        const categories = new Set<string>(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
        const problems: string[] = [];
        for (const [key, text] of catalog) {
          for (const { arg, options } of plurals(text)) {
            if (!options.includes("other")) problems.push(`${key}: {${arg}} has no "other"`);
            const foreign = options.filter((o) => !o.startsWith("=") && !categories.has(o));
            if (foreign.length) problems.push(`${key}: {${arg}} has ${foreign.join(", ")}, not a category of ${locale}`);
            const missing = [...categories].filter((c) => !options.includes(c));
            if (missing.length) problems.push(`${key}: {${arg}} lacks ${missing.join(", ")}`);
          }
        }
        expect(problems).toEqual([]);
      });
    });
  }
});

describe("campaign content", async () => {
  const { campaigns } = await loadContent(path.join(ROOT, "content"));

  for (const campaign of campaigns) {
    const original = campaign.locales[routing.defaultLocale];
    it(`${campaign.slug}: has its copy, letter and privacy notice in every locale`, () => {
      expect(Object.keys(campaign.locales).sort()).toEqual([...routing.locales].sort());
      for (const locale of routing.locales) {
        expect(campaign.letters[locale], `letter.${locale}.md`).toBeTruthy();
        expect(campaign.privacyNotices[locale], `privacy.${locale}.md`).toBeTruthy();
      }
    });

    for (const locale of translations) {
      it(`${campaign.slug}: ${locale} has every field of the original, as a marked translation`, () => {
        const copy = campaign.locales[locale];
        expect(copy, locale).toBeDefined();
        expect(copy.translation).toEqual({ of: routing.defaultLocale, reviewed: copy.translation?.reviewed ?? null });
        for (const field of ["title", "summary", "target", "callToAction", "demandsIntro"] as const) {
          expect(copy[field], field).not.toBe("");
          expect(copy[field], `${field} is still the English text`).not.toBe(original[field]);
        }
        expect(copy.demands).toHaveLength(original.demands.length);
        expect(copy.context).toHaveLength(original.context.length);
        expect(campaign.letters[locale]).not.toBe(campaign.letters[routing.defaultLocale]);
        expect(campaign.privacyNotices[locale]).not.toBe(campaign.privacyNotices[routing.defaultLocale]);
        // The same Markdown outline: as many headings and list items as the original.
        const outline = (md: string) => [md.match(/^#+ /gm)?.length ?? 0, md.match(/^[-*] /gm)?.length ?? 0, md.match(/^\d+\. /gm)?.length ?? 0];
        expect(outline(campaign.letters[locale]), "letter outline").toEqual(outline(campaign.letters[routing.defaultLocale]));
        expect(outline(campaign.privacyNotices[locale]), "privacy outline").toEqual(outline(campaign.privacyNotices[routing.defaultLocale]));
      });
    }
  }
});
