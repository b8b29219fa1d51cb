// What the public list shows of a signer who opted in: first name and the initial of the last
// name ("Aylin K."), or only an initial when the name is a single word (which may be a full name).

function firstGrapheme(word: string): string {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const { segment } of segmenter.segment(word)) return segment.toLocaleUpperCase();
  return "";
}

export function publicDisplayName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "";
  if (words.length === 1) return `${firstGrapheme(words[0])}.`;
  return `${words[0]} ${firstGrapheme(words[words.length - 1])}.`;
}
