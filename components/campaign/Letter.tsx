import Markdown from "react-markdown";

// The letter is Markdown from content/. react-markdown renders it to elements (no raw HTML), so a
// content file cannot inject markup or scripts.
export function Letter({ markdown }: { markdown: string }) {
  return (
    <div className="prose">
      <Markdown skipHtml allowedElements={["p", "em", "strong", "ul", "ol", "li", "a", "br", "h2", "h3", "blockquote"]}>
        {markdown}
      </Markdown>
    </div>
  );
}
