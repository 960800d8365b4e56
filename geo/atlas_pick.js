// How a click finds the events under the pointer, the list it opens where several lie there, the count
// on a marker shared by several events, and the popups' size and panning. Part of the atlas map's drawing code (geo/atlas_layers.js calls it as
// atlasPick); plain JavaScript that needs only Leaflet (the global L).
(function (root) {
  "use strict";

  // Pixels of slack around a marker or a line within which a click counts as a hit on it.
  var SLOP = 3;

  /** Ids of the shown events drawn under the point `p` (layer pixels), in the bundle's order. */
  function hitsAt(A, map, p) {
    var hits = [];
    A.data.events.forEach(function (e) {
      if (!A.shownEv[e.id]) return;
      var rec = A.ev[e.id], near = function (ll, r) { return p.distanceTo(map.latLngToLayerPoint(ll)) <= r + SLOP; };
      var hit = false;
      if (e.shape === "Point") {
        hit = near(rec.main.getLatLng(), rec.main.options.radius);
      } else {
        var pts = rec.main.getLatLngs().map(function (ll) { return map.latLngToLayerPoint(ll); });
        for (var i = 1; i < pts.length && !hit; i++) {
          hit = L.LineUtil.pointToSegmentDistance(p, pts[i - 1], pts[i]) <= rec.main.options.weight / 2 + SLOP;
        }
        hit = hit || near(rec.arrow.getLatLng(), 7);
      }
      (e.candidates || []).forEach(function (c) { hit = hit || near(L.latLng(c.site[1], c.site[0]), 5); });
      if (hit) hits.push(e.id);
    });
    return hits;
  }

  function popupOptions(map, extra) {
    var size = map.getSize(), o = {maxWidth: Math.round(Math.min(300, size.x * 0.7)),
      minWidth: Math.round(Math.min(220, size.x * 0.55)), maxHeight: Math.round(size.y * 0.45), autoPan: false};
    Object.keys(extra || {}).forEach(function (k) { o[k] = extra[k]; });
    return o;
  }

  // Open `popup` and pan the map at once (not animated) so that it, and the marker under its tip, are in
  // view: an animated pan would end a quarter second later, and a listener that waits for the map to be
  // still (streamlit-folium's) would report the click that much later.
  function openInView(map, popup) {
    popup.openOn(map);
    var el = popup.getElement(), box = map.getContainer().getBoundingClientRect();
    if (!el) return popup;
    var r = el.getBoundingClientRect(), pad = 12, dx = 0, dy = 0;
    if (r.top < box.top + pad) dy = r.top - box.top - pad;
    else if (r.bottom > box.bottom - pad) dy = r.bottom - box.bottom + pad;
    if (r.left < box.left + pad) dx = r.left - box.left - pad;
    else if (r.right > box.right - pad) dx = r.right - box.right + pad;
    if (dx || dy) map.panBy([dx, dy], {animate: false});
    return popup;
  }

  // The list a click opens where several events lie under the pointer: one button per event.
  function chooser(A, ids, latlng) {
    var box = L.DomUtil.create("div", "atlas-chooser");
    L.DomUtil.create("div", "atlas-chooser-head", box).textContent = ids.length + " events here: choose one";
    var list = L.DomUtil.create("ul", "atlas-choices", box);
    ids.forEach(function (id) {
      var e = A.byId[id], b = L.DomUtil.create("button", "atlas-choice", L.DomUtil.create("li", "", list));
      b.type = "button";
      b.setAttribute("data-event", id);
      // colour: #rrggbb from Python; the tooltip (title and date, escaped in Python) comes with the
      // event's details part: written when it is here, and again once it has arrived if it was not
      var write = function () {
        var tip = (A.store && A.store.tooltips[id]) || e.tooltip_html;
        b.innerHTML = '<span class="atlas-swatch" style="background:' + e.color + '"></span>' + (tip || "…");
      };
      write();
      if (A.store && A.store.tooltips[id] === undefined) A.store.detailsOf(id).then(write, function () {});
      L.DomEvent.on(b, "click", function (ev) { L.DomEvent.stop(ev); A.select(id, latlng, true); });
    });
    return box;
  }

  /** True when an event's own element is the topmost thing at container point (x, y) of the map. */
  function onTop(map, x, y) {
    var box = map.getContainer().getBoundingClientRect(), el = document.elementFromPoint(box.left + x, box.top + y);
    return /atlas-event|ev-arrow|atlas-candidate|atlas-arrow/.test((el && el.getAttribute("class")) || "");
  }

  /** True when a popup or a control covers container point (x, y) of the map. */
  function covered(map, x, y) {
    var box = map.getContainer().getBoundingClientRect(), el = document.elementFromPoint(box.left + x, box.top + y);
    return !!(el && el.closest && el.closest(".leaflet-popup, .leaflet-control"));
  }

  /** A point (container pixels) inside the map where a click hits event `id`: alone if it can be hit
   *  alone, {x, y, alone}; null when none of it is in view. For tests and benchmarks. */
  function clickPoint(A, map, id) {
    var rec = A.ev[id], size = map.getSize(), tries = [], any = null;
    if (!rec || !A.shownEv[id]) return null;
    if (rec.shape === "Point") {
      var c = map.latLngToContainerPoint(rec.main.getLatLng()), r = rec.main.options.radius - 1;
      tries.push(c);
      for (var a = 0; a < 16; a++) {
        tries.push(c.add(L.point(Math.cos(a * Math.PI / 8) * r * 0.7, Math.sin(a * Math.PI / 8) * r * 0.7)));
      }
    } else {
      var pts = rec.main.getLatLngs().map(function (ll) { return map.latLngToContainerPoint(ll); });
      for (var i = 1; i < pts.length; i++) {
        var steps = Math.max(2, Math.ceil(pts[i].distanceTo(pts[i - 1]) / 4));
        for (var k = 1; k < steps; k++) tries.push(pts[i - 1].add(pts[i].subtract(pts[i - 1]).multiplyBy(k / steps)));
      }
    }
    for (var j = 0; j < tries.length; j++) {
      var t = tries[j];
      if (t.x < 30 || t.y < 30 || t.x > size.x - 30 || t.y > size.y - 30) continue;  // clear of the controls
      // an event on top, no popup or control even a pixel or two off, and hit (alone) there too: a mouse
      // lands on whole pixels
      var offsets = [[0, 0], [-2, 0], [2, 0], [0, -2], [0, 2]];
      if (!onTop(map, t.x, t.y) || offsets.some(function (d) { return covered(map, t.x + d[0], t.y + d[1]); })) continue;
      var around = offsets.map(function (d) {
        return hitsAt(A, map, map.containerPointToLayerPoint(t.add(L.point(d[0], d[1]))));
      });
      if (!around.every(function (h) { return h.indexOf(id) >= 0; })) continue;
      if (around.every(function (h) { return h.length === 1; })) return {x: t.x, y: t.y, alone: true};
      any = any || {x: t.x, y: t.y, alone: false};
    }
    return any;
  }
  // A count on each marker that stands for several events at one place (they are listed on click).
  function drawStacks(A) {
    A.stacks.clearLayers();
    var at = {};
    Object.keys(A.shownEv).forEach(function (id) {  // the shown events only: a step never walks them all
      var e = A.byId[id];
      if (e.shape !== "Point") return;
      var k = e.coords.join(",");
      (at[k] = at[k] || []).push(e);
    });
    Object.keys(at).forEach(function (k) {
      var es = at[k];
      if (es.length < 2) return;
      L.marker([es[0].coords[1], es[0].coords[0]], {pane: "atlasStacks", interactive: false, keyboard: false,
        icon: L.divIcon({html: String(es.length), className: "atlas-stack", iconSize: [16, 16], iconAnchor: [-3, 19]})})
        .addTo(A.stacks);
    });
  }

  // A polity shape that a click selects: outlined on the map, reported to the page as {polity: id} (its card
  // there). The click's report carries the shape's id, not its coordinates: streamlit-folium sends toGeoJSON().
  function politySelectable(A, p, layer) {
    layer.eachLayer(function (l) {
      l.toGeoJSON = function () { return {type: "Feature", properties: {polity_feature: p.id}, geometry: null}; };
    });
    layer.on("click", function () {
      if (A.polSel && A.polSel !== layer) A.polSel.setStyle({weight: 1.2, opacity: 0.8});
      A.polSel = layer.setStyle({weight: 3, opacity: 1});
      A.map.fire("atlas:click", {id: null, polity: p.id});
    });
  }

  var api = {drawStacks: drawStacks, politySelectable: politySelectable, hitsAt: hitsAt, popupOptions: popupOptions, openInView: openInView, chooser: chooser,
             clickPoint: clickPoint};
  if (root) root.atlasPick = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : null);
