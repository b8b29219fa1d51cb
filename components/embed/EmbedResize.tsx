"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/** The message the embed sends to the page that frames it; public/embed.js checks this exact shape. */
export type EmbedHeightMessage = { type: "speakout:embed-height"; height: number; navigated: boolean };

/** What public/embed.js sends to its iframes when it starts, in case it missed their first report. */
export const EMBED_HELLO = "speakout:embed-hello";

/**
 * Wraps the embed's content and tells the page that frames it how tall that content is, so
 * public/embed.js can size the iframe (ADR 058). The height is the content's, measured on this
 * wrapper: the document's scrollHeight never falls below the frame's current height, so a frame
 * made tall by a long page would never shrink after the next, shorter one.
 *
 * Every new page in the frame (a document load or a client-side navigation) is reported with
 * `navigated: true`, so the host can bring the top of the new content into view. The message
 * carries only a height, so any parent may receive it ("*").
 */
export function EmbedResize({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const pathname = usePathname();
  const pathnameRef = useRef(pathname);
  const reported = useRef<string | null>(null);
  const postRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (window.parent === window || !ref.current) return;
    const content = ref.current;
    const post = () => {
      const navigated = reported.current !== pathnameRef.current;
      reported.current = pathnameRef.current;
      const body = getComputedStyle(document.body);
      const bottom = content.getBoundingClientRect().bottom + window.scrollY + (parseFloat(body.paddingBottom) || 0) + (parseFloat(body.marginBottom) || 0);
      const message: EmbedHeightMessage = { type: "speakout:embed-height", height: Math.ceil(bottom), navigated };
      window.parent.postMessage(message, "*");
    };
    const onMessage = (event: MessageEvent) => {
      // Only the framing page may ask, and all it gets is the same height report.
      if (event.source === window.parent && event.data && typeof event.data === "object" && event.data.type === EMBED_HELLO) post();
    };
    const observer = new ResizeObserver(() => post());
    observer.observe(content);
    window.addEventListener("message", onMessage);
    postRef.current = post;
    return () => {
      observer.disconnect();
      window.removeEventListener("message", onMessage);
      postRef.current = null;
    };
  }, []);

  useEffect(() => {
    pathnameRef.current = pathname;
    // The first page of this document, or a client-side navigation to another one: report at
    // once, as a navigation, even if the new page happens to be as tall as the old one.
    postRef.current?.();
  }, [pathname]);

  // flow-root keeps the children's margins inside the wrapper, so its box is the content's.
  return (
    <div ref={ref} className="embed-content" style={{ display: "flow-root" }}>
      {children}
    </div>
  );
}
