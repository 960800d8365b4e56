// The atlas map and the page around it: the map follows the page's year slider while it moves, and keeps
// its view in the page's address. Part of the map's drawing code (geo/atlas_layers.js calls it as
// atlasPage); plain JavaScript that needs only Leaflet, moved here to keep each file under 400 lines.
(function (root) {
  "use strict";

  // Follow the year slider in the page around the map while it moves (keys or a drag), without
  // waiting for the server: Streamlit sends a slider's value only when it is released, and the
  // bundle already holds every year. The server's rerun then confirms the same state (a no-op).
  function followSlider(A, label) {
    var pw;
    try { pw = window.parent; if (!pw || pw === window || !pw.document.body) return; } catch (e) { return; }
    if (pw.__atlasSliderObserver) pw.__atlasSliderObserver.disconnect();
    var latest = null;
    var obs = new pw.MutationObserver(function (muts) {
      muts.forEach(function (m) {
        var t = m.target;
        if (t.tagName === "INPUT" && t.type === "range" && t.getAttribute("aria-label") === label) {
          latest = parseInt(t.value, 10);
        }
      });
      if (latest !== null && !A.frame) {
        A.frame = requestAnimationFrame(function () { A.frame = null; var y = latest; latest = null; A.followYear(y); });
      }
    });
    obs.observe(pw.document.body, {subtree: true, attributes: true, attributeFilter: ["aria-valuetext"]});
    pw.__atlasSliderObserver = obs;
    window.addEventListener("pagehide", function () { obs.disconnect(); });
  }

  // The view in the address of the page (the top window, if the map is in a frame of the same origin):
  // a link opens the map where it was, and the address always names what the reader sees.
  function followView(map, name) {
    var w = window;
    try { if (window.top.location.href) w = window.top; } catch (err) { /* another origin: the frame's own */ }
    var m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(\d+)$/.exec(new URLSearchParams(w.location.search).get(name) || "");
    if (m) map.setView([+m[1], +m[2]], Math.max(map.getMinZoom(), Math.min(map.getMaxZoom(), +m[3])), {animate: false});
    map.on("moveend", function () {
      var c = map.getCenter(), q = new URLSearchParams(w.location.search);
      q.set(name, c.lat.toFixed(3) + "," + c.lng.toFixed(3) + "," + map.getZoom());
      var search = "?" + q.toString().replace(/%2C/g, ",");  // "41.015,28.979,7" reads better than %2C
      if (search !== w.location.search) w.history.replaceState(w.history.state, "", search + w.location.hash);
    });
  }

  var api = {followSlider: followSlider, followView: followView};
  if (root) root.atlasPage = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : null);
