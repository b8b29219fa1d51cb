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
  const words = clean.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "";
  if (words.length === 1) return `${firstGrapheme(words[0])}.`;
  return `${words[0]} ${firstGrapheme(words[words.length - 1])}.`;
}
