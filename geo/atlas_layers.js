// The atlas map's drawing code: plain JavaScript with one entry point, atlasInit(map, options).
//
//   var atlas = atlasInit(L.map("map"), {parts: {spans: [...], base: "...", years: [...], details: [...]},
//                                        earliestYear: 1000});
//   atlas.apply({year: 1264, lo: 1264, hi: 1264, mode: "year", n: 5, ids: null, sel: null});
//
// It needs Leaflet (the global L), geo/atlas_parts.js (the global atlasParts, loaded before it) and the
// map it is given, nothing else: the Streamlit app loads both as one static file and calls atlasInit
// from one line of the folium map (geo/livemap.py); a static page can call it the same way. It fetches
// the map's data in parts (geo/parts.py; geo/livemap.py documents the keys; every "*_html" value is
// HTML already escaped in Python, inserted as HTML and never evaluated): for the first paint only land,
// rivers and names and the parts of the years in view, then the popups, then the other years. It
// defines window.atlasApply(state), which the per-year feature group calls on every step, and sets
// atlas.drawn once the first state is on the map (the page draws the rest of itself after that).
//
// options:
//   parts         the manifest of the parts (geo/parts.py Manifest, with URLs)   this or bundleUrl
//   bundleUrl     URL of the whole bundle in one file (a static page may prefer it)
//   earliestYear  where the "up to this year" window begins (geo/windows.py EARLIEST_YEAR)
//   sliderLabel   aria-label of a year slider in the parent page to follow while it moves, if any
//   landStyle, riverStyle   Leaflet path styles of the land and river layers
//
// The pure functions (windowBounds, inWindow, shownIn, fade) are exported to node, where
// tests/test_atlas_layers_js.py checks them against geo/windows.py for every mode, N and year.
(function (root) {
  "use strict";
  var Parts = (root && root.atlasParts) || (typeof require === "function" ? require("./atlas_parts.js") : null);

  /** The inclusive [lo, hi] years a window covers (geo/windows.py window_bounds). */
  function windowBounds(year, mode, n, earliest) {
    if (mode === "around") return [year - n, year + n];
    if (mode === "upto") return [earliest, year];
    return [year, year];
  }

  /** True when an item's [start, end] years touch [lo, hi] (an event in a window). */
  function inWindow(item, lo, hi) {
    return item.start <= hi && item.end >= lo;
  }

  /** True when an item's [start, end] years contain year (a polity's extent). */
  function shownIn(item, year) {
    return item.start <= year && item.end >= year;
  }

  /** Opacity factor of an event that ended in `end`: older events fade in the "up to" window. */
  function fade(end, year, mode) {
    if (mode !== "upto" || end >= year) return 1;
    return Math.max(0.25, 1 - (year - end) / 40);
  }

  function polityLayer(A, p) {
    var layer = L.geoJSON({type: "Feature", properties: {polity_feature: p.id}, geometry: A.data.geoms[p.geom]}, {
      pane: "atlasPolities",
      style: {fillColor: p.color, color: p.color, weight: 1.2, opacity: 0.8, fillOpacity: p.hatched ? 0.16 : 0.28,
              dashArray: p.dashed ? "5 4" : (p.hatched ? "2 3" : null),
              className: "atlas-polity pol-" + p.id}
    });
    layer.bindTooltip(p.tooltip_html, {sticky: true});
    return layer;
  }

  // st_folium returns the clicked layer's `feature` as last_active_drawing: the event id travels in it
  function tag(layer, id) {
    layer.feature = {type: "Feature", properties: {event_id: id}, geometry: null};
    return layer;
  }

  function eventLayers(e) {
    var out = [], cls = "atlas-event ev-" + e.id, dash = e.uncertain ? "4 3" : null, main;
    if (e.shape === "Point") {
      main = L.circleMarker([e.coords[1], e.coords[0]], {radius: 8, color: "#333333", weight: 1.5, fillColor: e.color,
                                                         dashArray: dash, className: cls});
    } else {
      main = L.polyline(e.coords.map(function (c) { return [c[1], c[0]]; }),
                        {color: e.color, weight: 3.5, dashArray: dash, className: cls});
      var end = e.coords[e.coords.length - 1];
      var arrow = L.marker([end[1], end[0]], {icon: L.divIcon({
        html: '<div class="atlas-arrow" style="color:' + e.color + ";transform:rotate(" + e.bearing + 'deg)">\u25B2</div>',
        iconSize: [14, 14], iconAnchor: [7, 7], className: "ev-arrow ev-" + e.id})});
      out.push(tag(arrow, e.id));
    }
    out.unshift(tag(main, e.id));
    (e.candidates || []).forEach(function (c) {
      out.push(L.polyline([[c.anchor[1], c.anchor[0]], [c.site[1], c.site[0]]],
                          {color: "#555555", weight: 1.2, dashArray: "3 4", interactive: false,
                           className: "atlas-candidate-line"}));
      var dot = L.circleMarker([c.site[1], c.site[0]], {radius: 5, color: "#333333", weight: 1.5, fill: false,
                                                        className: "atlas-candidate"});
      dot.bindTooltip(c.tooltip_html);
      out.push(tag(dot, e.id));
    });
    return {main: main, layers: out, arrow: e.shape === "Point" ? null : out[1], style: null, details: false};
  }

  // Popup and tooltip of an event's layers, once its details part has arrived (they come after the drawing).
  function bindDetails(A, id) {
    var rec = A.ev[id], popup = A.store.popups[id], tip = A.store.tooltips[id];
    if (!rec || rec.details || popup === undefined) return;
    rec.details = true;
    rec.main.bindPopup(popup, {maxWidth: 360});
    if (tip !== undefined) rec.main.bindTooltip(tip);
    if (rec.arrow) rec.arrow.bindPopup(popup, {maxWidth: 360});
  }

  function styleEvent(rec, e, k, sel) {
    var key = k + (sel ? "s" : "");
    if (rec.style === key) return;  // as drawn already: a step touches only what changed
    rec.style = key;
    var op = (e.uncertain ? 0.55 : 0.95) * k, fop = (e.uncertain ? 0.35 : 0.85) * k;
    if (e.shape === "Point") {
      rec.main.setStyle({opacity: op, fillOpacity: fop, color: sel ? "#111111" : "#333333", weight: sel ? 3 : 1.5});
      rec.main.setRadius(sel ? 11 : 8);
    } else {
      rec.main.setStyle({opacity: op, weight: sel ? 5 : 3.5});
      if (rec.arrow) rec.arrow.setOpacity(op);
    }
    rec.layers.forEach(function (l) {
      if (l !== rec.main && l.setStyle && !(l instanceof L.Marker)) l.setStyle({opacity: 0.8 * k});
    });
  }

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

  function drawBase(A, map, d, options) {
    L.geoJSON(d.land, {pane: "atlasLand", interactive: false, style: options.landStyle}).addTo(map);
    L.geoJSON(d.rivers, {pane: "atlasRivers", interactive: false, style: options.riverStyle}).addTo(map);
    // names by the zoom they appear from (geo/livemap.py ranks them), each tier made when first shown
    A.labelTiers = {};
    d.labels.forEach(function (l) { (A.labelTiers[l.zoom] = A.labelTiers[l.zoom] || {labels: [], group: null}).labels.push(l); });
    var syncLabels = function () {
      Object.keys(A.labelTiers).forEach(function (z) {
        var tier = A.labelTiers[z], want = map.getZoom() >= Number(z);
        if (want && !tier.group) {
          tier.group = L.layerGroup(tier.labels.map(function (l) {
            return L.marker([l.lat, l.lon], {pane: "atlasLabels", interactive: false, keyboard: false,
                                             icon: L.divIcon({html: l.name_html, className: "place-label",
                                                              iconSize: [140, 14], iconAnchor: [3, 7]})});
          }));
        }
        if (want && !map.hasLayer(tier.group)) tier.group.addTo(map);
        else if (!want && tier.group && map.hasLayer(tier.group)) map.removeLayer(tier.group);
      });
    };
    map.on("zoomend", syncLabels);
    syncLabels();
  }

  /**
   * Draw the atlas on `map` (a Leaflet map) and return its state object, also `window.atlas`.
   * `atlas.apply(state)` (also `window.atlasApply`) shows the polities of state.year and the
   * events of [state.lo, state.hi] (only state.ids when given), with state.sel selected.
   */
  function atlasInit(map, options) {
    var A = {ready: false, pending: null, pol: {}, ev: {}, shownPol: {}, shownEv: {}, lastSel: null, applied: 0};
    var earliest = typeof options.earliestYear === "number" ? options.earliestYear : -Infinity;
    [["atlasLand", 205], ["atlasPolities", 300], ["atlasRivers", 320], ["atlasLabels", 450]].forEach(function (p) {
      map.createPane(p[0]).style.zIndex = p[1];
    });
    map.getPane("atlasLabels").style.pointerEvents = "none";
    A.polGroup = L.featureGroup().addTo(map);
    A.evGroup = L.featureGroup().addTo(map);

    var manifest = options.parts || {bundleUrl: options.bundleUrl};
    A.store = Parts.store(manifest);
    A.data = A.store.data;  // grows as parts arrive (tests and benchmarks read A.data.events)
    A.store.onDetails = function (ids) { ids.forEach(function (id) { bindDetails(A, id); }); };

    A.apply = function (s) {
      // the years' parts are on their way (fetched now, alongside land and names): drawn when they are here
      if (!A.ready || !A.store.has(s.lo, s.hi, s.year)) {
        A.pending = s;
        A.store.ensure(s.lo, s.hi, s.year).then(function () {
          if (A.ready && A.pending === s) { A.pending = null; A.apply(s); }
        }, A.failed);
        return;
      }
      // the server confirms a year the browser has already drawn (followYear): nothing to redraw
      var key = JSON.stringify([s.year, s.lo, s.hi, s.mode, s.ids, s.sel]);
      if (key === A.lastKey) return;
      A.lastKey = key;
      var t0 = performance.now();
      var wantPol = {}, wantEv = {}, ids = s.ids ? {} : null;
      if (ids) s.ids.forEach(function (id) { ids[id] = true; });
      A.store.polities(s.year).forEach(function (p) { wantPol[p.id] = p; });
      A.store.events(s.lo, s.hi).forEach(function (e) { if (!ids || ids[e.id]) wantEv[e.id] = e; });
      Object.keys(A.shownPol).forEach(function (id) {
        if (!wantPol[id]) { A.polGroup.removeLayer(A.pol[id]); delete A.shownPol[id]; }
      });
      Object.keys(wantPol).forEach(function (id) {
        if (!A.shownPol[id]) {
          A.pol[id] = A.pol[id] || polityLayer(A, wantPol[id]);
          A.polGroup.addLayer(A.pol[id]);
          A.shownPol[id] = true;
        }
      });
      Object.keys(A.shownEv).forEach(function (id) {
        if (!wantEv[id]) { A.ev[id].layers.forEach(function (l) { A.evGroup.removeLayer(l); }); delete A.shownEv[id]; }
      });
      Object.keys(wantEv).forEach(function (id) {
        var e = wantEv[id], rec = A.ev[id];
        if (!rec) {
          rec = A.ev[id] = eventLayers(e);
          bindDetails(A, id);
          [rec.main, rec.arrow].forEach(function (l) {  // a click before its details arrived
            if (l) l.on("click", function () { A.openEvent(id); });
          });
        }
        styleEvent(rec, e, fade(e.end, s.year, s.mode), id === s.sel);
        if (!A.shownEv[id]) { rec.layers.forEach(function (l) { A.evGroup.addLayer(l); }); A.shownEv[id] = true; }
      });
      if (s.sel && wantEv[s.sel] && s.sel !== A.lastSel) {
        var sel = s.sel;
        setTimeout(function () { A.openEvent(sel); }, 30);
      }
      A.lastSel = s.sel || null;
      A.applied += 1;
      A.state = s;
      A.lastApplyMs = performance.now() - t0;  // read by bench/ and the browser tests
      if (!A.drawn) {
        A.drawn = true;  // the page around the map draws the rest of itself now (components/after_map.py)
        A.drawnAt = performance.now();
        A.store.prefetch(s.year).catch(function () { /* a later step asks for what it needs again */ });
      }
    };

    // Open the popup of event `id`, fetching its details first if they have not arrived yet.
    A.openEvent = function (id) {
      var rec = A.ev[id];
      if (!rec || rec.details && rec.main.isPopupOpen && rec.main.isPopupOpen()) return;
      A.store.detailsOf(id).then(function () {
        bindDetails(A, id);
        if (A.shownEv[id] && !rec.main.isPopupOpen()) rec.main.openPopup();
      }, A.failed);
    };

    // Redraw for year y with the window, filters and selection of the last state.
    A.followYear = function (y) {
      var s = A.state;
      if (!s || !isFinite(y) || y === s.year) return;
      var b = windowBounds(y, s.mode, s.n, earliest);
      A.apply({year: y, lo: b[0], hi: b[1], mode: s.mode, n: s.n, ids: s.ids, sel: s.sel});
    };

    if (root) { root.atlas = A; root.atlasApply = A.apply; }
    if (typeof options.sliderLabel === "string") followSlider(A, options.sliderLabel);

    A.failed = function (err) {
      if (A.error) return;  // one notice
      A.error = String(err);
      var box = L.control({position: "topright"});
      box.onAdd = function () {
        var div = L.DomUtil.create("div", "atlas-load-error");
        div.textContent = "The map's data could not be loaded (" + A.error + "). Reload the page.";
        return div;
      };
      box.addTo(map);
    };

    A.store.load(manifest.base || manifest.bundleUrl).then(function () {
      drawBase(A, map, A.data, options);
      A.ready = true;
      if (A.pending) { var s = A.pending; A.pending = null; A.apply(s); }
    }, A.failed);
    return A;
  }

  if (root) root.atlasInit = atlasInit;
  if (typeof module !== "undefined" && module.exports) {
    module.exports = {windowBounds: windowBounds, inWindow: inWindow, shownIn: shownIn, fade: fade, atlasInit: atlasInit};
  }
})(typeof window !== "undefined" ? window : null);
