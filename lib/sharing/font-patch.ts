import { inflateSync } from "node:zlib";

// The image renderer (satori 0.29, inside next/og) shapes text with its own copy of opentype.js,
// which knows only some GSUB lookup kinds and throws on the others the first time a feature using
// them is looked up: Noto Sans Arabic's required ligatures ('rlig') end with two contextual
// lookups (type 5, format 3), so every Arabic-script string failed with "lookupType: 5 -
// substFormat: 3 is not yet supported". Here a WOFF font is unpacked to a plain sfnt (satori reads
// that too) and those lookups are taken out of every feature's list; the lookups themselves stay
// (other lookups may call them). The card no longer lets opentype.js shape Arabic letters (it
// gives presentation forms, lib/sharing/arabic-shaping.ts), but a word with a mark (tanween,
// shadda) or the Arabic comma still goes through its Arabic features and would throw without
// this. See docs/decisions/060-preview-images-per-locale.md.

/** Lookup kinds ("<lookup type><subtable format>") the renderer's opentype.js applies. */
const SUPPORTED = new Set(["11", "12", "21", "41", "63"]);
const EXTENSION = 7;

/** A WOFF 1.0 file as the sfnt (TTF/OTF) it wraps; other data is returned as it is. */
export function woffToSfnt(input: Uint8Array): Uint8Array {
  const woff = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (woff.getUint32(0) !== 0x774f4646) return input; // "wOFF"
  const flavor = woff.getUint32(4);
  const numTables = woff.getUint16(12);
  const tables: { tag: number; checksum: number; data: Uint8Array }[] = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const offset = woff.getUint32(entry + 4);
    const compLength = woff.getUint32(entry + 8);
    const origLength = woff.getUint32(entry + 12);
    const raw = input.subarray(offset, offset + compLength);
    tables.push({ tag: woff.getUint32(entry), checksum: woff.getUint32(entry + 16), data: compLength < origLength ? inflateSync(raw) : raw });
  }
  const headerLength = 12 + numTables * 16;
  const total = tables.reduce((sum, t) => sum + ((t.data.length + 3) & ~3), headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  view.setUint32(0, flavor);
  view.setUint16(4, numTables);
  view.setUint16(6, 2 ** entrySelector * 16);
  view.setUint16(8, entrySelector);
  view.setUint16(10, numTables * 16 - 2 ** entrySelector * 16);
  let offset = headerLength;
  tables.forEach((table, i) => {
    view.setUint32(12 + i * 16, table.tag);
    view.setUint32(16 + i * 16, table.checksum);
    view.setUint32(20 + i * 16, offset);
    view.setUint32(24 + i * 16, table.data.length);
    out.set(table.data, offset);
    offset += (table.data.length + 3) & ~3;
  });
  return out;
}

/**
 * Removes, in place, the GSUB lookups the renderer cannot apply from every feature's lookup list.
 * Returns the lookup indexes taken out (empty when the font has no GSUB or needs nothing).
 */
export function dropUnsupportedLookups(sfnt: Uint8Array): number[] {
  const font = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const numTables = font.getUint16(4);
  let gsub = -1;
  for (let i = 0; i < numTables; i++) {
    if (font.getUint32(12 + i * 16) === 0x47535542) gsub = font.getUint32(20 + i * 16); // "GSUB"
  }
  if (gsub < 0) return [];
  const u16 = (at: number) => font.getUint16(at);
  const featureList = gsub + u16(gsub + 6);
  const lookupList = gsub + u16(gsub + 8);
  const unsupported = new Set<number>();
  for (let i = 0; i < u16(lookupList); i++) {
    const lookup = lookupList + u16(lookupList + 2 + i * 2);
    const type = u16(lookup);
    for (let s = 0; s < u16(lookup + 4); s++) {
      const subtable = lookup + u16(lookup + 6 + s * 2);
      const kind = type === EXTENSION ? `${u16(subtable + 2)}${u16(subtable + font.getUint32(subtable + 4))}` : `${type}${u16(subtable)}`;
      if (!SUPPORTED.has(kind)) unsupported.add(i);
    }
  }
  if (unsupported.size === 0) return [];
  for (let f = 0; f < u16(featureList); f++) {
    const feature = featureList + u16(featureList + 2 + f * 6 + 4);
    const count = u16(feature + 2);
    const kept: number[] = [];
    for (let k = 0; k < count; k++) {
      const index = u16(feature + 4 + k * 2);
      if (!unsupported.has(index)) kept.push(index);
    }
    font.setUint16(feature + 2, kept.length);
    kept.forEach((index, k) => font.setUint16(feature + 4 + k * 2, index));
  }
  return [...unsupported].sort((a, b) => a - b);
}

/** A font file as the renderer can use it: unpacked from WOFF, without lookups it would throw on. */
export function fontForRenderer(file: Uint8Array): ArrayBuffer {
  const sfnt = woffToSfnt(file);
  const copy = new Uint8Array(sfnt); // never write into a shared Buffer pool
  dropUnsupportedLookups(copy);
  return copy.buffer;
}
