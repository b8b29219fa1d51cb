/* Speak Out embed: sizes each iframe of this site's /embed/ pages to its content.
   Listens only to messages from the iframe's own origin (this script's origin) and only sets a height. */
(function () {
  var script = document.currentScript;
  if (!script || window.__speakOutEmbed) return;
  window.__speakOutEmbed = true;
  var origin = new URL(script.src).origin;
  window.addEventListener("message", function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || data.type !== "speakout:embed-height" || typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(100, Math.min(6000, Math.ceil(data.height))) + "px";
      }
    }
  });
})();
