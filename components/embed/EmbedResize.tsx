"use client";

import { useEffect } from "react";

/**
 * Tells the page that frames this embed how tall the content is, so public/embed.js can size the
 * iframe. The message carries only the height, so any parent may receive it ("*").
 */
export function EmbedResize() {
  useEffect(() => {
    if (window.parent === window) return;
    const post = () => window.parent.postMessage({ type: "speakout:embed-height", height: document.documentElement.scrollHeight }, "*");
    const observer = new ResizeObserver(post);
    observer.observe(document.body);
    post();
    return () => observer.disconnect();
  }, []);
  return null;
}
