import type { ReactNode } from "react";

// Private-use characters mark where each argument lands in the formatted message; no translation
// or user value contains them (the form's text is normalised and they are not printable).
const OPEN = "\uE000";
const CLOSE = "\uE001";
const MARK = /\uE000(\d+)\uE001/;

/**
 * A translated sentence whose string arguments (a signer's name, a country, a partner, a campaign
 * title) are each wrapped in <bdi>, so that a Latin name or a number inside Arabic or Uyghur text
 * keeps its own direction and does not reorder the words around it. `format` is the translation
 * call (`(v) => t("entry", v)`); the ICU message itself is unchanged.
 */
export function isolated<K extends string>(format: (values: Record<K, string>) => string, values: Record<K, string>): ReactNode {
  const keys = Object.keys(values) as K[];
  const marked = Object.fromEntries(keys.map((key, i) => [key, `${OPEN}${i}${CLOSE}`])) as Record<K, string>;
  const parts = format(marked).split(MARK);
  // split with a capture group: even indexes are text, odd ones the argument's index
  return parts.map((part, i) => (i % 2 === 0 ? part : <bdi key={i}>{values[keys[Number(part)]]}</bdi>)).filter((part) => part !== "");
}
