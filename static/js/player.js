/* The click-to-load player (videos/pages/player.py). Without this script the play
   button and the moments are plain links to the upload. With it, a click on either
   loads the host's privacy-enhanced player here, at that time; nothing is requested
   from the host before the click. */
(function () {
  "use strict";
  var figure = document.querySelector("figure.player[data-embed]");
  if (!figure) return;
  var watch = new URL(figure.dataset.watch, document.baseURI);

  // "100", "100s" or "1m40s" (YouTube's t=, Vimeo's #t=) as seconds.
  function seconds(value) {
    var match = /^(?:(\d+)h)?(?:(\d+)m)?(\d+)s?$/.exec(value || "");
    if (!match) return null;
    return (+match[1] || 0) * 3600 + (+match[2] || 0) * 60 + (+match[3] || 0);
  }

  // The start time a link to this video asks for, or null for any other link.
  function startOf(link) {
    var url;
    try { url = new URL(link.href, document.baseURI); } catch (error) { return null; }
    if (url.hostname !== watch.hostname || url.pathname !== watch.pathname) return null;
    if (watch.searchParams.get("v") !== url.searchParams.get("v")) return null;
    var hash = /(?:^#|&)t=([^&]+)/.exec(url.hash);
    return seconds(url.searchParams.get("t") || (hash && hash[1]) || "0");
  }

  function play(at) {
    var src = figure.dataset.embed.replace("{seconds}", String(at));
    var frame = figure.querySelector("iframe");
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = figure.dataset.title;
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      // YouTube's player needs to know the embedding site; send only our origin.
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      var start = figure.querySelector(".player-start");
      start.replaceWith(frame);
    }
    frame.src = src;
    figure.classList.add("playing");
    figure.scrollIntoView({ block: "nearest", behavior: "smooth" });
    frame.focus();
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest("a[href]");
    if (!link) return;
    var at = link.classList.contains("player-start") ? 0 : startOf(link);
    if (at === null) return;
    event.preventDefault();
    play(at);
  });
})();
