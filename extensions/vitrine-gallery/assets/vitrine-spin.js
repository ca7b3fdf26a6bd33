// Vitrine 360° spin viewer: dependency-free, keyboard and touch accessible, lazy. Frames other than the first are
// fetched only once the viewer is near the viewport; until a frame has loaded, the nearest loaded one is shown.
(function () {
  "use strict";
  var PIXELS_PER_FRAME = 12;

  function start(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var sources = (root.getAttribute("data-frames") || "")
      .split(" ")
      .filter(Boolean);
    var image = root.querySelector("img");
    if (!image || sources.length < 2) return;
    var loaded = new Array(sources.length);
    loaded[0] = true;
    var index = 0;
    var frameText = root.getAttribute("data-frame-text") || "{n}";

    function preload() {
      sources.forEach(function (src, i) {
        if (loaded[i]) return;
        var probe = new Image();
        probe.onload = function () {
          loaded[i] = true;
        };
        probe.src = src;
      });
    }

    function show(next) {
      index = ((next % sources.length) + sources.length) % sources.length;
      var shown = index;
      // Turn to the nearest frame already loaded (never a blank image while frames stream in).
      for (var d = 0; !loaded[shown] && d < sources.length; d++)
        shown = (index - d + sources.length) % sources.length;
      image.removeAttribute("srcset");
      image.src = sources[shown];
      root.setAttribute("aria-valuenow", String(index + 1));
      root.setAttribute(
        "aria-valuetext",
        frameText.replace("{n}", String(index + 1)),
      );
    }

    root.addEventListener("keydown", function (event) {
      var keys = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };
      if (event.key in keys) show(index + keys[event.key]);
      else if (event.key === "Home") show(0);
      else if (event.key === "End") show(sources.length - 1);
      else return;
      event.preventDefault();
    });

    var drag = null;
    root.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX, index: index };
      root.setPointerCapture(event.pointerId);
    });
    root.addEventListener("pointermove", function (event) {
      if (drag)
        show(
          drag.index - Math.round((event.clientX - drag.x) / PIXELS_PER_FRAME),
        );
    });
    function stop() {
      drag = null;
    }
    root.addEventListener("pointerup", stop);
    root.addEventListener("pointercancel", stop);

    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(
        function (entries) {
          if (
            entries.some(function (e) {
              return e.isIntersecting;
            })
          ) {
            observer.disconnect();
            preload();
          }
        },
        { rootMargin: "200px" },
      );
      observer.observe(root);
    } else preload();
    root.addEventListener("focus", preload, { once: true });
  }

  function startAll() {
    document.querySelectorAll("[data-vitrine-spin]").forEach(start);
  }
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
  // Theme editor: blocks are re-rendered in place.
  document.addEventListener("shopify:section:load", startAll);
})();
