import bidiFactory from "bidi-js";
import { textDirection } from "@/lib/i18n/routing";

// The image renderer (satori) has no bidi layout: it lays a mixed line out in its own order, so a
// Latin name or a number in Arabic text lands on the wrong side and punctuation with it. Here the
// Unicode Bidirectional Algorithm (bidi-js) resolves each character's level; the text is cut into
// words, and the words are put in visual order (rule L2), so the card lays them out as separate
// flex items and satori only ever shapes one word of one direction at a time.

const bidi = bidiFactory();

export type Direction = "ltr" | "rtl";

/** The writing direction of a locale, from the locale data (not from a list of our own). */
export const localeDirection: (locale: string) => Direction = textDirection;

/** A word (or a number, or punctuation) in one direction; `space` when a space follows it visually on the right. */
export type VisualWord = { text: string; rtl: boolean; spaceAfter: boolean };

/**
 * A line of text as words in visual order, left to right. Consecutive words of a run embedded in
 * the paragraph's direction (a Latin name in Arabic text) are one group, which is never wrapped
 * inside, so it reads the same on any line.
 */
export type VisualUnit = VisualWord[];

type Token = { text: string; level: number; space: boolean };

export function visualUnits(text: string, direction: Direction): VisualUnit[] {
  const { levels } = bidi.getEmbeddingLevels(text, direction);
  const base = direction === "rtl" ? 1 : 0;
  const mirrored = bidi.getMirroredCharactersMap(text, levels);
  const tokens: Token[] = [];
  const pattern = /\s+|\S+/g;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    const isSpace = /^\s/.test(match[0]);
    if (isSpace) {
      tokens.push({ text: " ", level: levels[start], space: true });
      continue;
    }
    // A word whose characters are at different levels ("12,345شخص") is cut at each change.
    let from = start;
    for (let i = start + 1; i <= start + match[0].length; i++) {
      if (i === start + match[0].length || levels[i] !== levels[from]) {
        let piece = "";
        for (let j = from; j < i; j++) piece += mirrored.get(j) ?? text[j];
        tokens.push({ text: piece, level: levels[from], space: false });
        from = i;
      }
    }
  }
  // Rule L2: from the highest level down to the lowest odd one, reverse every run at that level or above.
  const maxLevel = Math.max(base, ...tokens.map((t) => t.level));
  const lowestOdd = Math.min(...tokens.map((t) => t.level).filter((l) => l % 2 === 1), maxLevel + 1);
  for (let level = maxLevel; level >= lowestOdd; level--) {
    for (let i = 0; i < tokens.length; ) {
      if (tokens[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < tokens.length && tokens[j].level >= level) j++;
      tokens.splice(i, j - i, ...tokens.slice(i, j).reverse());
      i = j;
    }
  }
  // Spaces become a gap after the word on their left; leading and trailing ones go.
  const words: (VisualWord & { level: number })[] = [];
  for (const token of tokens) {
    if (token.space) {
      if (words.length > 0) words[words.length - 1].spaceAfter = true;
    } else {
      words.push({ text: token.text, rtl: token.level % 2 === 1, spaceAfter: false, level: token.level });
    }
  }
  if (words.length > 0) words[words.length - 1].spaceAfter = false;
  const units: VisualUnit[] = [];
  let previousEmbedded = false;
  for (const { level, ...word } of words) {
    const embedded = level > base;
    if (embedded && previousEmbedded) units[units.length - 1].push(word);
    else units.push([word]);
    previousEmbedded = embedded;
  }
  return units;
}
