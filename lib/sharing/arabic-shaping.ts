// Arabic-script shaping for the image renderer, done here rather than by it. Satori 0.29 (inside
// next/og) shapes with its own copy of opentype.js, which does not count U+06D5 ە as Arabic,
// leaves ى unjoined, throws on Noto Sans Arabic's contextual 'rlig' lookups and, in the production
// bundle, leaves words in logical order drawn left to right. So each right-to-left word is given
// to it already shaped and in visual order: every letter as its Unicode presentation form
// (isolated, initial, medial or final, from its joining type and its neighbours'), lam-alef as
// one ligature, and the word reversed (each letter keeping its marks). Presentation forms are not
// in opentype.js's "Arabic" range, so satori draws them as plain glyphs, left to right.
// See docs/decisions/060-preview-images-per-locale.md.

/** Joining forms: isolated, final, initial, medial. A right-joining letter has no initial or medial. */
type Forms = [isolated: number, final: number, initial?: number, medial?: number];

/** Forms-B letters in their usual run: four forms (dual-joining) or two (right-joining) from `start`. */
const dual = (start: number): Forms => [start, start + 1, start + 2, start + 3];
const right = (start: number): Forms => [start, start + 1];

const FORMS = new Map<number, Forms>([
  [0x0621, [0xfe80, 0xfe80]], // ء hamza (does not join)
  [0x0622, right(0xfe81)], // آ
  [0x0623, right(0xfe83)], // أ
  [0x0624, right(0xfe85)], // ؤ
  [0x0625, right(0xfe87)], // إ
  [0x0626, dual(0xfe89)], // ئ (Uyghur: every word starting with a vowel)
  [0x0627, right(0xfe8d)], // ا
  [0x0628, dual(0xfe8f)], // ب
  [0x0629, right(0xfe93)], // ة
  [0x062a, dual(0xfe95)], // ت
  [0x062b, dual(0xfe99)], // ث
  [0x062c, dual(0xfe9d)], // ج
  [0x062d, dual(0xfea1)], // ح
  [0x062e, dual(0xfea5)], // خ
  [0x062f, right(0xfea9)], // د
  [0x0630, right(0xfeab)], // ذ
  [0x0631, right(0xfead)], // ر
  [0x0632, right(0xfeaf)], // ز
  [0x0633, dual(0xfeb1)], // س
  [0x0634, dual(0xfeb5)], // ش
  [0x0635, dual(0xfeb9)], // ص
  [0x0636, dual(0xfebd)], // ض
  [0x0637, dual(0xfec1)], // ط
  [0x0638, dual(0xfec5)], // ظ
  [0x0639, dual(0xfec9)], // ع
  [0x063a, dual(0xfecd)], // غ
  [0x0641, dual(0xfed1)], // ف
  [0x0642, dual(0xfed5)], // ق
  [0x0643, dual(0xfed9)], // ك (also Uyghur k)
  [0x0644, dual(0xfedd)], // ل
  [0x0645, dual(0xfee1)], // م
  [0x0646, dual(0xfee5)], // ن
  [0x0647, dual(0xfee9)], // ه
  [0x0648, right(0xfeed)], // و
  // ى: Forms-B has only isolated and final; initial and medial are the Uyghur/Kazakh/Kirghiz ones.
  [0x0649, [0xfeef, 0xfef0, 0xfbe8, 0xfbe9]],
  [0x064a, dual(0xfef1)], // ي
  [0x0671, right(0xfb50)], // ٱ
  [0x0679, dual(0xfb66)], // ٹ
  [0x067e, dual(0xfb56)], // پ
  [0x0686, dual(0xfb7a)], // چ
  [0x0688, right(0xfb88)], // ڈ
  [0x0691, right(0xfb8c)], // ڑ
  [0x0698, right(0xfb8a)], // ژ
  [0x06a4, dual(0xfb6a)], // ڤ
  [0x06a9, dual(0xfb8e)], // ک
  [0x06ad, dual(0xfbd3)], // ڭ
  [0x06af, dual(0xfb92)], // گ
  [0x06ba, right(0xfb9e)], // ں (Forms-A has no initial or medial)
  [0x06be, dual(0xfbaa)], // ھ
  [0x06c1, dual(0xfba6)], // ہ
  [0x06c6, right(0xfbd9)], // ۆ
  [0x06c7, right(0xfbd7)], // ۇ
  [0x06c8, right(0xfbdb)], // ۈ
  [0x06cb, right(0xfbde)], // ۋ
  [0x06cc, dual(0xfbfc)], // ی
  [0x06d0, dual(0xfbe4)], // ې
  [0x06d2, right(0xfbae)], // ے
  [0x06d5, [0x06d5, 0xfeea]], // ە: no presentation forms of its own; final is final heh, as Noto draws it
]);

/** Letters that join on both sides but have no presentation forms here (drawn as they are). */
const DUAL_WITHOUT_FORMS = new Set([0x0640 /* tatweel */, 0x200d /* zero width joiner */]);

/** Lam followed by an alef: the ligature's isolated and final form. */
const LAM = 0x0644;
const LAM_ALEF = new Map<number, [number, number]>([
  [0x0622, [0xfef5, 0xfef6]],
  [0x0623, [0xfef7, 0xfef8]],
  [0x0625, [0xfef9, 0xfefa]],
  [0x0627, [0xfefb, 0xfefc]],
]);

/** Combining marks (Unicode joining type T): harakat, tanween, shadda, sukun, superscript alef, Quranic marks. */
const MARK = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08d3-\u08ff]/;

/** Unicode presentation forms (and U+06D5, U+0640), which the shaped text is made of. */
export const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

type Cluster = { base: number; marks: string };

const joinsBefore = (c: Cluster | undefined) => c !== undefined && (FORMS.has(c.base) || DUAL_WITHOUT_FORMS.has(c.base)) && c.base !== 0x0621;
const joinsAfter = (c: Cluster | undefined) => c !== undefined && (FORMS.get(c.base)?.[2] !== undefined || DUAL_WITHOUT_FORMS.has(c.base));

/** Letters with their marks, in logical order; a mark with no letter before it is a cluster of its own. */
function clusters(text: string): Cluster[] {
  const out: Cluster[] = [];
  for (const char of text) {
    if (MARK.test(char) && out.length > 0) out[out.length - 1].marks += char;
    else out.push({ base: char.codePointAt(0)!, marks: "" });
  }
  return out;
}

/**
 * A run of text with its Arabic-script letters replaced by their presentation forms (and lam-alef
 * by its ligature), still in logical order. Other characters, and marks, are kept as they are.
 */
export function presentationForms(text: string): string {
  const input = clusters(text);
  // lam + alef → one cluster, the ligature, which joins only to the letter before it.
  const merged: (Cluster & { ligature?: [number, number] })[] = [];
  for (let i = 0; i < input.length; i++) {
    const ligature = input[i].base === LAM ? LAM_ALEF.get(input[i + 1]?.base ?? -1) : undefined;
    if (ligature) {
      merged.push({ base: input[i + 1].base, marks: input[i].marks + input[i + 1].marks, ligature });
      i++;
    } else merged.push(input[i]);
  }
  let out = "";
  merged.forEach((cluster, i) => {
    const before = merged[i - 1];
    const after = merged[i + 1];
    const joinedBefore = joinsAfter(before) && (cluster.ligature !== undefined || joinsBefore(cluster));
    if (cluster.ligature) {
      out += String.fromCodePoint(cluster.ligature[joinedBefore ? 1 : 0]) + cluster.marks;
      return;
    }
    const forms = FORMS.get(cluster.base);
    if (!forms) {
      out += String.fromCodePoint(cluster.base) + cluster.marks;
      return;
    }
    const joinedAfter = joinsAfter(cluster) && (joinsBefore(after) || after?.ligature !== undefined);
    const [isolated, final, initial, medial] = forms;
    const form = joinedBefore ? (joinedAfter ? medial! : final) : joinedAfter ? initial! : isolated;
    out += String.fromCodePoint(form) + cluster.marks;
  });
  return out;
}

/**
 * A run of text reversed by clusters, for drawing left to right: each letter's marks come just
 * before it (as a right-to-left shaper orders glyphs). Noto Sans Arabic's marks have no advance and
 * their ink on the right of the pen, so drawn before the letter they land on it, not on the next.
 */
export function reverseClusters(text: string): string {
  return clusters(text)
    .reverse()
    .map((c) => c.marks + String.fromCodePoint(c.base))
    .join("");
}

/**
 * A right-to-left word (all of one bidi level, as `visualUnits` cuts them, brackets already
 * mirrored) as the renderer should draw it, left to right: shaped, then reversed.
 */
export function visualRtlWord(word: string): string {
  return reverseClusters(presentationForms(word));
}

/** Every presentation-form code point `presentationForms` can emit (for checking the fonts have them). */
export function emittedForms(): number[] {
  const codes = new Set<number>();
  for (const forms of FORMS.values()) for (const code of forms) if (code !== undefined) codes.add(code);
  for (const forms of LAM_ALEF.values()) for (const code of forms) codes.add(code);
  return [...codes].sort((a, b) => a - b);
}
