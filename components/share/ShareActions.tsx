"use client";

import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * The parts of the share panel that need a browser: copying the link (with a visible "Copied")
 * and the system share sheet where navigator.share exists. Rendered only after hydration, so
 * without JavaScript the panel is the link field and the plain channel links.
 */
export type ShareActionStrings = { copy: string; webShare: string; copied: string; copyFailed: string };

export function ShareActions({ copyUrl, webShare, strings }: { copyUrl: string; webShare: { title: string; text: string; url: string }; strings: ShareActionStrings }) {
  // false on the server and during hydration, then what the browser offers.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);
  const canShare = useSyncExternalStore(noSubscription, () => typeof navigator.share === "function", () => false);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      await navigator.clipboard.writeText(copyUrl);
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  }

  async function share() {
    try {
      await navigator.share(webShare);
    } catch {
      // The person closed the share sheet: nothing to do.
    }
  }

  if (!ready) return null;
  return (
    <div className="share-actions">
      <button type="button" className="button button-secondary" onClick={copy}>
        {strings.copy}
      </button>
      {canShare && (
        <button type="button" className="button button-secondary" onClick={share}>
          {strings.webShare}
        </button>
      )}
      <span aria-live="polite" className="share-status" data-testid="copy-status">
        {copyState === "copied" ? strings.copied : copyState === "failed" ? strings.copyFailed : ""}
      </span>
    </div>
  );
}
