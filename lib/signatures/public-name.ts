import { FORBIDDEN_NAME_CHARS, removeInvisible } from "@/lib/signatures/rules";

// What the public list shows of a signer who opted in: first name and the initial of the last
// name ("Aylin K."), or only an initial when the name is a single word (which may be a full name).

/** The word's first letter or digit as a whole grapheme (not a leading mark or bracket). */
function firstGrapheme(word: string): string {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  let first = "";
  for (const { segment } of segmenter.segment(word)) {
    first ||= segment;
    if (/[\p{L}\p{N}]/u.test(segment)) return segment.toLocaleUpperCase();
  }
  return first.toLocaleUpperCase();
}

/**
 * "" when nothing visible would be left: the list leaves such a signer out. Names are cleaned when
 * signed (lib/signatures/rules.ts); this also covers names stored before that, or by other paths.
 */
export function publicDisplayName(fullName: string): string {
  const clean = removeInvisible(fullName).replace(new RegExp(FORBIDDEN_NAME_CHARS.source, "gu"), " ");
  if (!/\p{L}/u.test(clean)) return "";
  // Only words with a letter or digit: a word of unassigned code points or symbols alone would show
  // as a blank or a box (fast-check found "𳑺 අ ퟼", whose first and last words are unassigned).
  const words = clean.trim().split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return "";
  if (words.length === 1) return `${firstGrapheme(words[0])}.`;
  return `${words[0]} ${firstGrapheme(words[words.length - 1])}.`;
}
