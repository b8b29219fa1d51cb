import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The pages are also served right to left (Arabic, Uyghur: <html dir="rtl">), so layout is written
// with logical properties (margin-inline-start, inset-inline-end, text-align: end…) that mirror by
// themselves. This fails on any physical left/right brought back into a stylesheet under app/ or
// components/, or into a style={{…}} in a .tsx file, naming file:line.

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["app", "components"];

type Finding = { file: string; line: number; text: string };

// CSS: a physical property (margin-left, padding-right, border-left-width, inset-left, scroll-margin-right,
// border-top-left-radius, left:, right:) or a physical value of text-align, float or clear.
const CSS_PHYSICAL = [
  /(?:^|[\s;{])(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)(?:-[a-z]+)?\s*:/i,
  /(?:^|[\s;{])border-(?:top|bottom)-(?:left|right)-radius\s*:/i,
  /(?:^|[\s;{])(?:left|right)\s*:/i,
  /(?:^|[\s;{])(?:text-align|float|clear)\s*:\s*(?:left|right)\b/i,
];

// style={{…}} in TSX: the same in camelCase, with a string value for text-align, float and clear.
const STYLE_PHYSICAL = [
  /\b(?:margin|padding|border|inset|scrollMargin|scrollPadding)(?:Left|Right)(?:[A-Z][a-z]+)?\s*:/,
  /\bborder(?:Top|Bottom)(?:Left|Right)Radius\s*:/,
  /(?:^|[\s,{])(?:left|right)\s*:/,
  /\b(?:textAlign|float|clear)\s*:\s*["'`](?:left|right)["'`]/,
];

/** Blanks out comments, keeping newlines so that line numbers stay right. */
function withoutComments(source: string, lineComments: boolean): string {
  const blank = (match: string) => match.replace(/[^\n]/g, " ");
  const block = source.replace(/\/\*[\s\S]*?\*\//g, blank);
  return lineComments ? block.replace(/(^|[^:"'`])\/\/[^\n]*/g, (m, before: string) => before + blank(m.slice(before.length))) : block;
}

function scanCss(file: string, source: string): Finding[] {
  const lines = withoutComments(source, false).split("\n");
  const findings: Finding[] = [];
  lines.forEach((text, i) => {
    // a selector such as [dir="rtl"] or .pull-right is not a declaration: look at declarations only
    const declarations = text.replace(/\[[^\]]*\]/g, "");
    if (CSS_PHYSICAL.some((re) => re.test(declarations))) findings.push({ file, line: i + 1, text: text.trim() });
  });
  return findings;
}

/** Every style={{ … }} object literal, with the line it starts on (they may span lines). */
function styleObjects(source: string): { start: number; body: string }[] {
  const found: { start: number; body: string }[] = [];
  const opener = /style=\{\{/g;
  for (let m = opener.exec(source); m; m = opener.exec(source)) {
    let depth = 2;
    let i = m.index + m[0].length;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === "{") depth++;
      else if (source[i] === "}") depth--;
    }
    found.push({ start: m.index, body: source.slice(m.index, i) });
  }
  return found;
}

function scanTsx(file: string, source: string): Finding[] {
  const clean = withoutComments(source, true);
  const findings: Finding[] = [];
  for (const { start, body } of styleObjects(clean)) {
    const first = clean.slice(0, start).split("\n").length;
    body.split("\n").forEach((text, i) => {
      if (STYLE_PHYSICAL.some((re) => re.test(text))) findings.push({ file, line: first + i, text: text.trim() });
    });
  }
  return findings;
}

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(full, ext);
    return entry.name.endsWith(ext) ? [full] : [];
  });
}

const report = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line}: ${f.text}`).join("\n");

describe("logical CSS (the pages mirror for right-to-left languages)", () => {
  it("the checks catch each physical form and let the logical ones through", () => {
    const css = [
      ".a { margin-left: 1rem; }",
      ".b { padding-right: 0 }",
      ".c {\n  border-left: 3px solid;\n}",
      ".d { position: absolute; left: 0; }",
      ".e { right: -1px }",
      ".f { text-align: right; }",
      ".g { float: left }",
      ".h { border-top-left-radius: 4px }",
      ".i { inset-left: 0 }",
      ".j { border-right-width: 2px }",
    ];
    for (const rule of css) expect(scanCss("x.css", rule), rule).toHaveLength(1);
    expect(scanCss("x.css", ".c {\n  border-left: 3px solid;\n}")[0].line).toBe(2);
    const logical = [
      ".a { margin-inline-start: 1rem; padding-inline-end: 0; border-inline-start: 3px solid; }",
      ".d { inset-inline-start: 0; inset-inline-end: -1px; text-align: end; float: inline-start; }",
      ".h { border-start-start-radius: 4px; text-align: start; }",
      '[dir="rtl"] .x { transform: translateX(50%); }',
      ".pull-left, .leftover { margin: 0; } /* left: is fine in a comment */",
      ".x { background-position: left top; }",
    ];
    for (const rule of logical) expect(scanCss("x.css", rule), rule).toEqual([]);

    const tsx = [
      "<span style={{ left: pct(x) }} />",
      "<div style={{ marginLeft: 8 }} />",
      "<div\n  style={{\n    display: 'flex',\n    paddingRight: 4,\n  }}\n/>",
      '<p style={{ textAlign: "right" }} />',
      "<p style={{ float: 'left', color: c }} />",
      "<p style={{ borderTopRightRadius: 2 }} />",
    ];
    for (const el of tsx) expect(scanTsx("x.tsx", el), el).toHaveLength(1);
    expect(scanTsx("x.tsx", tsx[2])[0].line).toBe(4);
    const fine = [
      "<span style={{ insetInlineStart: pct(x), marginInlineEnd: 8 }} />",
      '<p style={{ textAlign: "end", width: `${percent}%` }} />',
      "<div className=\"left\" data-side={{ left: 1 }} />",
      "const left = 1; // style={{ left: 1 }}",
    ];
    for (const el of fine) expect(scanTsx("x.tsx", el), el).toEqual([]);
  });

  it("no stylesheet under app/ or components/ uses a physical left/right property or value", () => {
    const files = SCANNED.flatMap((dir) => filesUnder(path.join(ROOT, dir), ".css"));
    expect(files.length).toBeGreaterThanOrEqual(3); // globals.css, admin.css, data.css at least
    const findings = files.flatMap((file) => scanCss(path.relative(ROOT, file), fs.readFileSync(file, "utf8")));
    expect(report(findings)).toBe("");
  });

  it("no style={{…}} in a .tsx under app/ or components/ uses a physical left/right property or value", () => {
    // The preview card is drawn by satori, not a browser: it knows no logical properties, and its
    // words are already in visual order (lib/sharing/bidi-runs.ts, ADR 060), so left is left there.
    const images = new Set([path.join(ROOT, "components/share/PreviewCard.tsx")]);
    const files = SCANNED.flatMap((dir) => filesUnder(path.join(ROOT, dir), ".tsx")).filter((file) => !images.has(file));
    expect(files.some((file) => fs.readFileSync(file, "utf8").includes("style={{"))).toBe(true);
    const findings = files.flatMap((file) => scanTsx(path.relative(ROOT, file), fs.readFileSync(file, "utf8")));
    expect(report(findings)).toBe("");
  });

  it("every sideways transform in a stylesheet has a right-to-left counterpart", () => {
    const files = SCANNED.flatMap((dir) => filesUnder(path.join(ROOT, dir), ".css"));
    const missing = files.flatMap((file) => {
      const lines = withoutComments(fs.readFileSync(file, "utf8"), false).split("\n");
      const rtl = lines.filter((line) => /\[dir=["']?rtl["']?\]/.test(line)).join("\n");
      return lines.flatMap((line, i) => {
        const moves = [...line.matchAll(/translateX\(\s*(-?[\d.]+\w*%?)\s*\)/g)].filter((m) => parseFloat(m[1]) !== 0);
        if (/\[dir=["']?rtl["']?\]/.test(line) || moves.length === 0) return [];
        // the mirrored rule moves the other way: translateX(-50%) in LTR, translateX(50%) in RTL
        const mirrored = moves.every((m) => rtl.includes(`translateX(${m[1].startsWith("-") ? m[1].slice(1) : `-${m[1]}`})`));
        return mirrored ? [] : [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`];
      });
    });
    expect(missing.join("\n")).toBe("");
  });
});
