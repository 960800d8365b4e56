// The relations layer: arcs between the seats of polities, one per relation of the year, coloured by kind.
//
//   var rel = relationsInit(L.map("map"), {dataUrl: "relations-....json"});
//   rel.apply({year: 1282, rel: true});
//
// Plain JavaScript with one entry point, relationsInit(map, options), loaded like geo/atlas_layers.js:
// the Streamlit app serves it as a static file and calls it from one line of the folium map; a static page
// can call it the same way. It needs Leaflet and the map, nothing else. It fetches its data once, when the
// layer is first turned on (a reader who never turns it on never downloads it)
// (geo/relations_view.py documents the keys; every "*_html" value is HTML escaped in Python, inserted as
// HTML and never evaluated) and follows the map: the atlas fires "atlas:state" on the map whenever it draws
// a year (from the page, or while it follows the slider), and the page's states say in `rel` whether the
// layer is on. window.relationsApply({year, rel}) drives it directly (a page without the atlas's states).
//
// Clicking an arc lists the events it rests on; clicking one selects it. By default the arc then carries
// {properties: {event_id}} as its GeoJSON feature and fires "click", which streamlit-folium reports as the
// clicked drawing (the same path as a click on an event's marker); options.onSelect(id, start) replaces that.
//
// options:
//   dataUrl    URL of the relations JSON                                              required
//   onSelect   function(eventId, startYear) called when a listed event is chosen      optional
(function (root) {
  "use strict";

  var SAMPLES = 28;

  /** Points of a quadratic curve from a to b ([lon, lat]), bent sideways by `bend` times its length. */
  function arcPoints(a, b, bend) {
    var mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2, dx = b[0] - a[0], dy = b[1] - a[1];
    var cx = mx - dy * bend, cy = my + dx * bend, out = [];
    for (var i = 0; i <= SAMPLES; i++) {
      var t = i / SAMPLES, u = 1 - t;
      out.push([u * u * a[1] + 2 * u * t * cy + t * t * b[1], u * u * a[0] + 2 * u * t * cx + t * t * b[0]]);
    }
    return out;
  }

  /** The spans shown in `year`, each with the bend that keeps several relations of one pair apart. */
  function spansIn(spans, year) {
    var shown = [], perPair = {};
    spans.forEach(function (s, i) {
      if (s.start <= year && s.end >= year) {
        var pair = s.a + "|" + s.b;
        perPair[pair] = (perPair[pair] || 0) + 1;
        shown.push({index: i, bend: 0.12 + 0.09 * (perPair[pair] - 1)});
      }
    });
    return shown;
  }

  function popupHtml(R, s) {
    var items = s.events.map(function (id, i) {
      var e = R.data.events[id];
      return '<li><a href="#" class="rel-pick" data-i="' + i + '">' + e.title_html + "</a> " +
        '<span class="rel-date">' + e.date_html + "</span></li>";
    }).join("");
    return '<div class="rel-popup"><div class="rel-title">' + s.tip_html + "</div>" +
      (s.note_html ? '<div class="rel-note">' + s.note_html + "</div>" : "") +
      '<div class="rel-rests">Rests on (click one to select it):</div><ol class="rel-events">' + items + "</ol></div>";
  }

  function arcLayer(R, s, bend) {
    var color = R.colors[s.kind] || "#333333", points = arcPoints(s.pa, s.pb, bend);
    // a pale casing under each arc sets it apart from the events' own lines, which share the map's colours
    var casing = L.polyline(points, {pane: "atlasRelations", color: "#ffffff", weight: 6.5, opacity: 0.65,
                                     interactive: false, className: "atlas-relation-casing"});
    var line = L.polyline(points, {
      pane: "atlasRelations", color: color, weight: 3.2, opacity: 0.9, dashArray: s.dashed ? "7 6" : null,
      className: "atlas-relation rel-" + s.kind
    });
    line.feature = {type: "Feature", properties: {relation: s.kind, event_id: null}, geometry: null};
    line.bindTooltip(s.tip_html, {sticky: true});
    line.bindPopup(popupHtml(R, s), {maxWidth: 360});
    line.on("mouseover", function () { line.setStyle({weight: 5.5}); });
    line.on("mouseout", function () { line.setStyle({weight: 3.2}); });
    line.on("popupopen", function (ev) {
      var links = ev.popup.getElement().querySelectorAll("a.rel-pick");
      Array.prototype.forEach.call(links, function (a) {
        a.addEventListener("click", function (click) {
          click.preventDefault();
          R.select(s, line, parseInt(a.getAttribute("data-i"), 10));
        });
      });
    });
    return {casing: casing, line: line};
  }

  /**
   * Draw the relations on `map` (a Leaflet map) and return the layer's state, also `window.relations`.
   * `apply(state)` (also `window.relationsApply`) shows the relations of state.year when state.rel is true.
   */
  function relationsInit(map, options) {
    var R = {ready: false, on: false, year: null, arcs: {}, shown: {}, applied: 0, colors: {}, lastDrawMs: 0};
    map.createPane("atlasRelations").style.zIndex = 390;  // above the polities, below the events
    R.casings = L.layerGroup().addTo(map);  // drawn first: under every arc
    R.group = L.featureGroup().addTo(map);

    R.draw = function () {
      if (!R.ready) return;
      var t0 = performance.now(), want = {}, changed = 0;
      if (R.on && R.year !== null) {
        spansIn(R.data.spans, R.year).forEach(function (x) { want[x.index + ":" + x.bend] = x; });
      }
      Object.keys(R.shown).forEach(function (k) {
        if (!want[k]) {
          R.casings.removeLayer(R.arcs[k].casing);
          R.group.removeLayer(R.arcs[k].line);
          delete R.shown[k];
          changed += 1;
        }
      });
      Object.keys(want).forEach(function (k) {
        if (!R.shown[k]) {
          R.arcs[k] = R.arcs[k] || arcLayer(R, R.data.spans[want[k].index], want[k].bend);
          R.casings.addLayer(R.arcs[k].casing);
          R.group.addLayer(R.arcs[k].line);
          R.shown[k] = true;
          changed += 1;
        }
      });
      R.applied += 1;
      // the cost of the last redraw that changed the arcs (a repeated state changes nothing): read by bench/
      if (changed) R.lastDrawMs = performance.now() - t0;
    };

    R.apply = function (s) {
      if (!s) return;
      if (typeof s.rel === "boolean") R.on = s.rel;
      if (typeof s.year === "number") R.year = s.year;
      if (R.on) R.load();
      R.draw();
    };

    R.select = function (span, line, i) {
      var id = span.events[i];
      if (!id) return;
      if (typeof options.onSelect === "function") { options.onSelect(id, R.data.events[id].start); return; }
      line.feature = {type: "Feature", properties: {relation: span.kind, event_id: id}, geometry: null};
      line.fire("click", {latlng: line.getCenter()}, true);  // propagate: st_folium listens on the group too
      line.feature = {type: "Feature", properties: {relation: span.kind, event_id: null}, geometry: null};
      map.fire("atlas:click", {id: id});  // the app's side (geo/atlas_streamlit.js) reports it at once
    };

    map.on("atlas:state", function (ev) { R.apply(ev.state); });  // `rel` only in the page's states
    if (root) { root.relations = R; root.relationsApply = R.apply; }

    R.load = function () {
      if (R.loading) return;
      R.loading = fetch(options.dataUrl).then(function (r) {
        if (!r.ok) throw new Error("relations: HTTP " + r.status);
        return r.json();
      }).then(function (d) {
        R.data = d;
        d.kinds.forEach(function (k) { R.colors[k.id] = k.color; });
        R.ready = true;
        R.draw();
      }).catch(function (err) { R.error = String(err); });
    };
    return R;
  }

  if (root) root.relationsInit = relationsInit;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = {arcPoints: arcPoints, spansIn: spansIn, relationsInit: relationsInit};
  }
})(typeof window !== "undefined" ? window : null);
