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

// The renderer's opentype.js counts U+06D5 ARABIC LETTER AE (ە, one of the commonest Uyghur
// letters) as not Arabic: a word is cut there, its halves come out in the wrong order and ە takes
// no joined form. ە joins only to the letter before it, so the word can be cut after each ە
// without changing a shape; and ە after a letter that joins on (ـە) is drawn with the glyph of
// final heh (ـه), which is what Noto Sans Arabic's own shaping gives it (uni0647.fina).
const AE = "\u06d5";
const HEH = "\u0647";
// Letters that do not join to the one after them (Unicode Joining_Type R or U) and marks (transparent).
const NOT_JOINING_ON = /[\u0621-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0673\u0675-\u0677\u0688-\u0699\u06c0\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5\u06ee\u06ef]/;
const MARK = /[\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]/;
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f]/;

// U+0649 ى (Uyghur i, e) joined to the next letter is drawn in Noto Sans Arabic by the glyphs of
// dotless beh (uni066E.init, .medi), but the renderer leaves it unjoined: it is given U+066E there.
const DOTLESS_BEH = "\u066e";
const YEH_JOINING_ON = new RegExp(`\u0649(?=${MARK.source}*${ARABIC_LETTER.source})`, "g");
const LETTERS = new RegExp(`(?:${ARABIC_LETTER.source}|${MARK.source})+`, "g");

/**
 * A right-to-left word as the pieces (in logical order) the renderer draws right, each on its own:
 * runs of Arabic letters, and apart from them any punctuation (opentype.js reverses a run of Arabic
 * letters but leaves a colon or a comma next to it where it was, on the wrong side).
 */
export function rendererPieces(word: string): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const match of word.matchAll(LETTERS)) {
    if (match.index > at) pieces.push(word.slice(at, match.index));
    pieces.push(...splitAfterAe(match[0].replace(YEH_JOINING_ON, DOTLESS_BEH)));
    at = match.index + match[0].length;
  }
  if (at < word.length) pieces.push(word.slice(at));
  return pieces;
}

function splitAfterAe(word: string): string[] {
  if (!word.includes(AE)) return [word];
  const pieces: string[] = [];
  let piece = "";
  for (const char of word) {
    if (char !== AE) {
      piece += char;
      continue;
    }
    let before = piece.length - 1;
    while (before >= 0 && MARK.test(piece[before])) before--;
    const joinsOn = before >= 0 && ARABIC_LETTER.test(piece[before]) && !NOT_JOINING_ON.test(piece[before]);
    if (joinsOn) pieces.push(piece + HEH);
    else pieces.push(...(piece ? [piece] : []), AE);
    piece = "";
  }
  if (piece) pieces.push(piece);
  return pieces;
}
