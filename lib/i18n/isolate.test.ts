import { createElement, Fragment, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { isolated } from "@/lib/i18n/isolate";

const html = (node: ReactNode) => renderToStaticMarkup(createElement(Fragment, null, node));

describe("isolated", () => {
  it("wraps each string argument of a sentence in <bdi>, keeping the translation's own text and order", () => {
    const format = (v: { name: string; country: string }) => `${v.name}, ${v.country}`;
    expect(html(isolated(format, { name: "Aylin K.", country: "Germany" }))).toBe("<bdi>Aylin K.</bdi>, <bdi>Germany</bdi>");
    // an Arabic-style order (country first) still puts each value in its own place
    const reversed = (v: { name: string; country: string }) => `من ${v.country}: ${v.name}`;
    expect(html(isolated(reversed, { name: "Aylin K.", country: "Germany" }))).toBe("من <bdi>Germany</bdi>: <bdi>Aylin K.</bdi>");
  });

  it("escapes the values (they are user text) and leaves no empty text around a value at the edges", () => {
    const nodes = isolated((v: { name: string }) => v.name, { name: "<b>Eve</b>" });
    expect(html(nodes)).toBe("<bdi>&lt;b&gt;Eve&lt;/b&gt;</bdi>");
    expect(Array.isArray(nodes) && nodes.length).toBe(1);
  });
});
