import { readFile } from "node:fs/promises";
import path from "node:path";

// Noto Sans (SIL Open Font License 1.1) from the @fontsource/noto-sans package, read from disk:
// nothing is downloaded. WOFF, not WOFF2: the image renderer (satori) reads TTF, OTF and WOFF.

const FILES = [
  { file: "noto-sans-latin-400-normal.woff", weight: 400 },
  { file: "noto-sans-latin-700-normal.woff", weight: 700 },
  { file: "noto-sans-latin-ext-400-normal.woff", weight: 400 },
  { file: "noto-sans-latin-ext-700-normal.woff", weight: 700 },
] as const;

export type PreviewFont = { name: string; data: ArrayBuffer; weight: 400 | 700; style: "normal" };

let loaded: Promise<PreviewFont[]> | undefined;

export function previewFonts(): Promise<PreviewFont[]> {
  loaded ??= Promise.all(
    FILES.map(async ({ file, weight }) => {
      const buffer = await readFile(path.join(process.cwd(), "node_modules/@fontsource/noto-sans/files", file));
      const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
      return { name: "Noto Sans", data, weight, style: "normal" as const };
    }),
  ).catch((error) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
