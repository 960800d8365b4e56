// Names on the atlas map: place names beside their dots and polity names inside their shapes, laid out
// so that no two overlap. Part of the map's drawing code (geo/atlas_layers.js calls it as atlasLabels);
// plain JavaScript that needs only Leaflet (the global L).
//
// Layout is greedy, in order of importance: each label takes the first of its positions whose box
// overlaps no label placed before it (nor a place's dot) and stays inside its limit, or is hidden. A
// place name may sit right, left, above or below its dot; a polity name sits centred on its label
// point (geo/labels.py: the pole of inaccessibility of the shape's largest part), or a line or two above
// or below it, and is hidden when it would spill out of its shape's extent. No name is cut by the
// map's edge: the layout is redone when the map has moved.
(function (root) {
  "use strict";

  var GAP = 4;  // pixels between a dot and its name
  var PAD = 2;  // pixels kept free around every label
  var PLACE_POSITIONS = ["r", "l", "a", "b"];

  /** The box [x0, y0, x1, y1] of a w x h label at point p, in position pos: beside a dot ("r", "l",
   *  "a", "b"), or centred on p and shifted down by a number of pixels (a number: 0 is centred). */
  function labelBox(p, w, h, pos) {
    if (pos !== null && typeof pos === "object") { p = pos.at; pos = pos.dy; }  // centred on another point
    if (typeof pos === "number") return [p.x - w / 2, p.y - h / 2 + pos, p.x + w / 2, p.y + h / 2 + pos];
    if (pos === "r") return [p.x + GAP, p.y - h / 2, p.x + GAP + w, p.y + h / 2];
    if (pos === "l") return [p.x - GAP - w, p.y - h / 2, p.x - GAP, p.y + h / 2];
    if (pos === "a") return [p.x - w / 2, p.y - GAP - h, p.x + w / 2, p.y - GAP];
    if (pos === "b") return [p.x - w / 2, p.y + GAP, p.x + w / 2, p.y + GAP + h];
    return null;
  }

  function overlap(a, b) {
    return a[0] < b[2] + PAD && b[0] < a[2] + PAD && a[1] < b[3] + PAD && b[1] < a[3] + PAD;
  }

  function inside(a, limit) {
    return !limit || (a[0] >= limit[0] && a[1] >= limit[1] && a[2] <= limit[2] && a[3] <= limit[3]);
  }

  /**
   * Lay out `items` in the order given: [{x, y, w, h, positions, limit}] (container pixels; `limit` an
   * optional box the label must stay inside). `obstacles` are boxes no label may cover (the places'
   * dots). Returns, per item, the position taken (see labelBox) or null (hidden).
   */
  function layout(items, obstacles) {
    var placed = (obstacles || []).slice(), out = [];
    items.forEach(function (it) {
      var taken = null;
      for (var i = 0; i < it.positions.length && taken === null; i++) {
        var b = labelBox({x: it.x, y: it.y}, it.w, it.h, it.positions[i]);
        if (inside(b, it.limit) && !placed.some(function (o) { return overlap(b, o); })) {
          taken = it.positions[i];
          placed.push(b);
        }
      }
      out.push(taken);
    });
    return out;
  }

  /** A place name: a dot at the place and the name beside it (html: escaped in Python). */
  function placeMarker(l) {
    return L.marker([l.lat, l.lon], {pane: "atlasLabels", interactive: false, keyboard: false,
      icon: L.divIcon({html: '<span class="pl-dot"></span><span class="pl-text">' + l.name_html + "</span>",
                       className: "place-label pos-r", iconSize: [0, 0], iconAnchor: [0, 0]})});
  }

  /** A polity's name, with its status in small type under it (html: escaped in Python). */
  function polityMarker(p) {
    var status = p.status_html ? '<span class="pol-status">' + p.status_html + "</span>" : "";
    return L.marker([p.label[1], p.label[0]], {pane: "atlasLabels", interactive: false, keyboard: false,
      icon: L.divIcon({html: '<span class="pol-box"><span class="pol-name">' + p.name_html + "</span>" + status + "</span>",
                       className: "polity-label size-" + p.label_size, iconSize: [0, 0], iconAnchor: [0, 0]})});
  }

  /** Size of a label's text element, measured once (it is the same at every zoom). */
  function measure(rec, selector) {
    if (!rec.size) {
      var el = rec.marker.getElement && rec.marker.getElement(), t = el && el.querySelector(selector);
      if (!t || !t.offsetWidth) return null;
      rec.size = [t.offsetWidth, t.offsetHeight];
    }
    return rec.size;
  }

  function show(rec, pos) {
    var el = rec.marker.getElement && rec.marker.getElement();
    if (!el) return;
    if (pos !== null && typeof pos === "object") {
      if (!rec.marker.getLatLng().equals(pos.ll)) rec.marker.setLatLng(pos.ll);
      pos = pos.dy;
    }
    var shift = typeof pos === "number";
    var cls = el.className.replace(/ ?pos-\w+/g, "") + " pos-" + (pos === null ? "none" : shift ? "c" : pos);
    if (el.className !== cls) el.className = cls;  // unchanged: no change to the page (arranged again a frame later)
    if (shift && el.firstChild.style.marginTop !== pos + "px") el.firstChild.style.marginTop = pos + "px";
    rec.pos = pos;
  }

  /**
   * Place every name drawn on `map`: `places` [{label, marker}] (those on the map), `polities`
   * [{entry, marker, layer}] (the shown polities' names and shapes), around `fixed` (markers whose
   * labels do not move: the movements' short labels); returns how many could not be measured yet.
   * Important names first: the
   * larger polities, then places by how many events name them, then smaller polities, then places
   * that only serve as capitals.
   */
  function arrange(map, places, polities, fixed) {
    var items = [], recs = [], obstacles = [], size = map.getSize();
    var pt = function (ll) { return map.latLngToContainerPoint(ll); };
    var view = [2, 2, size.x - 2, size.y - 2];  // a name cut by the map's edge is not drawn there
    places.forEach(function (r) {
      var p = pt(r.marker.getLatLng());
      obstacles.push([p.x - 2, p.y - 2, p.x + 2, p.y + 2]);
    });
    // the movements' labels stay where they are (halfway along their line): the names keep clear of them
    var unmeasured = 0;
    (fixed || []).forEach(function (m) {
      var el = m.getElement && m.getElement(), t = el && el.firstChild;
      if (!t || !t.offsetWidth) { unmeasured += 1; return; }
      var r = t.getBoundingClientRect(), box = map.getContainer().getBoundingClientRect();
      obstacles.push([r.left - box.left, r.top - box.top, r.right - box.left, r.bottom - box.top]);
    });
    var pol = polities.map(function (r) {
      var b = r.layer.getBounds(), sw = pt(b.getSouthWest()), ne = pt(b.getNorthEast());
      // centred on its point, or moved up or down a line or two where something is in the way, but within
      // its shape's extent and the map
      var within = [Math.max(sw.x, view[0]), Math.max(ne.y, view[1]), Math.min(ne.x, view[2]), Math.min(sw.y, view[3])];
      var e = r.entry, points = [L.latLng(e.label[1], e.label[0])];
      if (e.label_near) points.push(L.latLng(e.label_near[1], e.label_near[0]));
      return {rec: r, sel: ".pol-box", rank: e.label_size, shifts: true, limit: within, ll: points[0], points: points};
    });
    var pl = places.map(function (r) {
      return {rec: r, sel: ".pl-text", rank: r.label.rank, positions: PLACE_POSITIONS, limit: view,
              ll: r.marker.getLatLng()};
    });
    var byRank = function (a, b) { return b.rank - a.rank; };
    var ordered = [].concat(
      pol.filter(function (x) { return x.rank >= 3; }).sort(byRank),
      pl.filter(function (x) { return x.rec.label.rank > 0; }).sort(byRank),  // places events name
      pol.filter(function (x) { return x.rank < 3; }).sort(byRank),
      pl.filter(function (x) { return !x.rec.label.rank; }));
    ordered.forEach(function (x) {
      var size = measure(x.rec, x.sel);
      if (!size) { unmeasured += 1; return; }  // just added, not laid out by the browser yet
      var p = pt(x.ll), step = size[1] + PAD, positions = x.positions;
      if (x.shifts) {  // at each of its points in turn: centred, then a line or two up or down
        positions = [];
        x.points.forEach(function (ll) {
          [0, -step, step, -2 * step, 2 * step].forEach(function (dy) { positions.push({at: pt(ll), ll: ll, dy: dy}); });
        });
      }
      items.push({x: p.x, y: p.y, w: size[0], h: size[1], positions: positions, limit: x.limit});
      recs.push(x.rec);
    });
    layout(items, obstacles).forEach(function (pos, i) { show(recs[i], pos); });
    return unmeasured;  // labels the browser had not laid out yet: the caller arranges again a frame later
  }

  var api = {layout: layout, labelBox: labelBox, placeMarker: placeMarker, polityMarker: polityMarker,
             arrange: arrange};
  if (root) root.atlasLabels = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : null);
