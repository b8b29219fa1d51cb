import { readFile } from "node:fs/promises";
import path from "node:path";
import { fontForRenderer } from "@/lib/sharing/font-patch";

// Noto Sans, Noto Sans Arabic and Noto Sans SC (SIL Open Font License 1.1) from the @fontsource
// packages, read from disk: nothing is downloaded. WOFF, not WOFF2: the image renderer (satori)
// reads TTF, OTF and WOFF. A card loads only the files whose characters its text uses: Latin always,
// Cyrillic or Arabic when the text has such letters, and of Chinese (about a hundred files of
// 30-60 KB per weight, 4.6 MB in all) only the slices holding the text's characters.

const NODE_MODULES = () => path.join(process.cwd(), "node_modules/@fontsource");

export type PreviewFont = { name: string; data: ArrayBuffer; weight: 400 | 700; style: "normal" };
type Range = [number, number];
type FontFile = { name: string; file: string; weight: 400 | 700; ranges: Range[]; always: boolean };

const WEIGHTS = [400, 700] as const;
/** The packages' subsets a card may use; Latin is always loaded, the others when the text needs them. */
const PACKAGES = [
  { name: "Noto Sans", dir: "noto-sans", subsets: /^noto-sans-(latin|latin-ext|cyrillic|cyrillic-ext)-\d+-normal\.woff$/, always: /^noto-sans-latin/ },
  { name: "Noto Sans Arabic", dir: "noto-sans-arabic", subsets: /^noto-sans-arabic-arabic-\d+-normal\.woff$/ },
  { name: "Noto Sans SC", dir: "noto-sans-sc", subsets: /^noto-sans-sc-\d+-\d+-normal\.woff$/ },
];

/** A package's files and their unicode-range, read from the package's own CSS (e.g. noto-sans-sc/400.css). */
async function packageFiles(pkg: (typeof PACKAGES)[number], weight: 400 | 700): Promise<FontFile[]> {
  const cssFile = path.join(NODE_MODULES(), `${pkg.dir}/${weight}.css`);
  const css = await readFile(/* turbopackIgnore: true */ cssFile, "utf8");
  const files: FontFile[] = [];
  for (const face of css.split("@font-face").slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(face)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(face)?.[1];
    if (!file || !ranges || !pkg.subsets.test(file)) continue;
    files.push({
      name: pkg.name,
      file: `${pkg.dir}/files/${file}`,
      weight,
      always: pkg.always?.test(file) ?? false,
      ranges: ranges.split(",").map((r) => {
        const [from, to] = r.trim().replace(/^U\+/i, "").split("-");
        return [parseInt(from, 16), parseInt(to ?? from, 16)] as Range;
      }),
    });
  }
  return files;
}

let catalog: Promise<FontFile[]> | undefined;
const cache = new Map<string, Promise<PreviewFont>>();

function load(font: FontFile): Promise<PreviewFont> {
  let loaded = cache.get(font.file);
  if (!loaded) {
    // Satori keeps one font per family name and weight, so each file gets a name of its own; a
    // character the card's family (Noto Sans) lacks is looked up in all the others.
    const name = /noto-sans-latin-\d+-normal/.test(font.file) ? font.name : `${font.name} ${path.basename(font.file).replace(/-\d+-normal\.woff$/, "")}`;
    // turbopackIgnore: the build would otherwise trace every file under @fontsource (thousands of
    // Chinese slices) for this path; the fonts are read from node_modules at run time.
    const file = path.join(/* turbopackIgnore: true */ NODE_MODULES(), font.file);
    loaded = readFile(/* turbopackIgnore: true */ file).then((buffer) => ({ name, data: fontForRenderer(buffer), weight: font.weight, style: "normal" as const }));
    loaded.catch(() => cache.delete(font.file));
    cache.set(font.file, loaded);
  }
  return loaded;
}

const covers = (ranges: Range[], code: number) => ranges.some(([from, to]) => code >= from && code <= to);

/** The font files a card with this text needs: Latin always, others for the characters the text has. */
export async function previewFontFiles(text: string): Promise<FontFile[]> {
  catalog ??= Promise.all(PACKAGES.flatMap((pkg) => WEIGHTS.map((weight) => packageFiles(pkg, weight)))).then((files) => files.flat());
  const files = await catalog.catch((error) => {
    catalog = undefined;
    throw error;
  });
  const always = files.filter((font) => font.always);
  const codes = [...new Set([...text].map((c) => c.codePointAt(0)!))].filter((code) => !always.some((font) => covers(font.ranges, code)));
  // Each character from the first package that has it (Noto Sans, then Arabic, then Chinese): a
  // Chinese slice also lists some Arabic or Cyrillic characters, and is not loaded for them.
  const wanted = new Set<string>();
  for (const code of codes) {
    const first = files.find((font) => !font.always && covers(font.ranges, code));
    if (first) wanted.add(`${first.name}|${path.basename(first.file).replace(/-\d+-normal\.woff$/, "")}`);
  }
  return files.filter((font) => font.always || wanted.has(`${font.name}|${path.basename(font.file).replace(/-\d+-normal\.woff$/, "")}`));
}

/** The fonts for a card showing `text` (all of its strings), each file read and prepared once per process. */
export async function previewFonts(text = ""): Promise<PreviewFont[]> {
  return Promise.all((await previewFontFiles(text)).map(load));
}
