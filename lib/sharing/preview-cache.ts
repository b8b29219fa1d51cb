// Rendering a preview image costs tens of milliseconds of CPU; link previewers and crawlers may
// fetch it often. The picture depends only on the campaign, the locale and the count, so the last
// few renders are kept in memory under that key and served again until the count moves.

const MAX_ENTRIES = 32;
const images = new Map<string, Promise<Buffer>>();

export function cachedPreview(key: string, render: () => Promise<Buffer>): Promise<Buffer> {
  const hit = images.get(key);
  if (hit) return hit;
  const rendering = render().catch((error) => {
    images.delete(key);
    throw error;
  });
  images.set(key, rendering);
  while (images.size > MAX_ENTRIES) images.delete(images.keys().next().value as string);
  return rendering;
}
