/* Speak Out embed: sizes each iframe of this site's /embed/ pages to its content, and after a
   navigation inside an iframe (signing, for one) brings the top of the new page into view.
   Listens only to messages from this script's own origin (the embed's) that come from one of the
   page's iframes, and only in the exact shape {type, height, navigated}; all it does is set that
   iframe's height and scroll (ADR 058). */
(function () {
  var script = document.currentScript;
  if (!script || window.__speakOutEmbed) return;
  window.__speakOutEmbed = true;
  var origin = new URL(script.src, location.href).origin;
  var MIN = 100;
  var MAX = 6000;
  // Frames that have reported at least once: a frame's first report is its first page, which
  // must not move the host page.
  var seen = typeof WeakSet === "function" ? new WeakSet() : null;

  function isHeightMessage(data) {
    if (!data || typeof data !== "object" || Object.getPrototypeOf(data) !== Object.prototype) return false;
    var keys = Object.keys(data);
    if (keys.length !== 3) return false;
    return (
      data.type === "speakout:embed-height" &&
      typeof data.height === "number" &&
      isFinite(data.height) &&
      data.height >= 0 &&
      typeof data.navigated === "boolean"
    );
  }

  function frameOf(source) {
    if (!source) return null;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !isHeightMessage(event.data)) return;
    var frame = frameOf(event.source);
    if (!frame) return;
    frame.style.height = Math.max(MIN, Math.min(MAX, Math.ceil(event.data.height))) + "px";
    var first = seen ? !seen.has(frame) : false;
    if (seen) seen.add(frame);
    // After a navigation inside the frame, its new content starts at the frame's top: bring that
    // into view if the host page is scrolled past it. scrollIntoView honours the host's
    // scroll-margin-top (e.g. for a sticky header).
    if (event.data.navigated && !first && frame.getBoundingClientRect().top < 0) {
      frame.scrollIntoView({ block: "start" });
    }
  });

  // The frames may have reported before this (async) script ran: ask them again.
  var frames = document.getElementsByTagName("iframe");
  var link = document.createElement("a");
  for (var i = 0; i < frames.length; i += 1) {
    link.href = frames[i].src; // an unparsable src gives no origin
    if (frames[i].src && link.origin === origin && frames[i].contentWindow) {
      frames[i].contentWindow.postMessage({ type: "speakout:embed-hello" }, origin);
    }
  }
})();
