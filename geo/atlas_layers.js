// The atlas map's drawing code: plain JavaScript with one entry point, atlasInit(map, options).
//
//   var atlas = atlasInit(L.map("map"), {parts: {spans: [...], base: "...", years: [...], details: [...]},
//                                        earliestYear: 1000});
//   atlas.apply({year: 1264, lo: 1264, hi: 1264, mode: "year", n: 5, ids: null, sel: null});
//
// A state may also carry `hl` (a tour step's event ids: highlighted, the rest dimmed), `view` and `viewKey`
// (the step's view, {center: [lon, lat], zoom} or {bounds: [w, s, e, n]}, flown to once per key) and `rel`
// (the relations layer on: geo/relations_layer.js reads it from the "atlas:state" event fired on the map).
//
// It needs Leaflet (the global L), its helpers (geo/atlas_parts.js, atlas_page.js, atlas_pick.js,
// atlas_labels.js, atlas_shapes.js, loaded before it) and the map it is given: the Streamlit app loads them as one static file and calls
// atlasInit from one line of the folium map (geo/livemap.py); a static page can do the same. It fetches
// the map's data in parts (geo/parts.py; geo/bundle.py documents the keys; every "*_html" value is HTML
// already escaped in Python, inserted as HTML and never evaluated): for the first paint only land,
// rivers and names and the parts of the years in view, then the popups, then the other years. It
// defines window.atlasApply(state), which the per-year feature group calls on every step, and sets
// atlas.drawn once the first state is on the map (the page then draws the rest of itself).
//
// options:
//   parts         the parts' manifest (geo/parts.py Manifest, with URLs)          this, or bundleUrl
//   bundleUrl     URL of the whole bundle in one file (geo/bundle.py)
//   earliestYear  where the "up to this year" window begins (geo/windows.py EARLIEST_YEAR)
//   sliderLabel   aria-label of a year slider in the parent page to follow while it moves, if any
//   detailSelector  CSS selector, in the top page, of the element "+N more sources" scrolls to and focuses
//   fillHeight    true: the map's element follows the height of its window (an iframe its page sizes)
//   viewParam     name of a query parameter of the top page's address that holds the map's view
//                 ("lat,lon,zoom"): read when the map opens, rewritten (history.replaceState) when it moves
//   landStyle, riverStyle   Leaflet path styles of the land and river layers
//
// A click selects at once, in the browser: the event is highlighted, the others dimmed, its popup opened.
// Where several events lie under the pointer (the same place, a marker under a line, crossing lines) the
// click opens a list of them to choose from instead (geo/atlas_pick.js), and a marker shared by several
// events carries their count. The page learns of a selection through the clicked layer's
// `feature.properties.event_id` (null while the reader is still choosing), which a click listener added
// after this file's own reads from the event group, and from the map's "atlas:click" event ({id}),
// fired once such a click has gone through.
//
// The pure functions (windowBounds, inWindow, shownIn, fade) are exported to node, where
// tests/test_atlas_layers_js.py checks them against geo/windows.py for every mode, N and year.
(function (root) {
  "use strict";
  // the click's helpers (geo/atlas_pick.js): loaded before this file in a page, required under node
  var Pick = (root && root.atlasPick) || (typeof require === "function" ? require("./atlas_pick.js") : null);
  var Labels = (root && root.atlasLabels) || (typeof require === "function" ? require("./atlas_labels.js") : null);
  var Parts = (root && root.atlasParts) || (typeof require === "function" ? require("./atlas_parts.js") : null);
  var Page = (root && root.atlasPage) || (typeof require === "function" ? require("./atlas_page.js") : null);
  var Shapes = (root && root.atlasShapes) || (typeof require === "function" ? require("./atlas_shapes.js") : null);

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

  /** What a state draws: equal keys draw the same map. */
  function stateKey(s) {
    return JSON.stringify([s.year, s.lo, s.hi, s.mode, s.ids, s.sel, s.hl || null, s.viewKey || null, !!s.rel]);
  }

  /** Opacity factor of an event that ended in `end`: older events fade in the "up to" window. */
  function fade(end, year, mode) {
    if (mode !== "upto" || end >= year) return 1;
    return Math.max(0.25, 1 - (year - end) / 40);
  }

  function drawBase(A, map, d, options) {
    L.geoJSON(d.land, {pane: "atlasLand", interactive: false, style: options.landStyle}).addTo(map);
    L.geoJSON(d.rivers, {pane: "atlasRivers", interactive: false, style: options.riverStyle}).addTo(map);
    // names by the zoom they appear from (geo/bundle.py ranks them), each tier made when first shown
    A.places = [];
    A.labelTiers = {};
    d.labels.forEach(function (l) { (A.labelTiers[l.zoom] = A.labelTiers[l.zoom] || {labels: []}).labels.push(l); });
    var syncLabels = function () {
      Object.keys(A.labelTiers).forEach(function (z) {
        var tier = A.labelTiers[z], want = map.getZoom() >= Number(z);
        if (want && !tier.group) {
          tier.group = L.layerGroup();
          tier.labels.forEach(function (l) { A.places.push({label: l, marker: Labels.placeMarker(l).addTo(tier.group)}); });
        }
        if (want && !map.hasLayer(tier.group)) tier.group.addTo(map);
        else if (!want && tier.group && map.hasLayer(tier.group)) map.removeLayer(tier.group);
      });
      A.arrange();
    };
    map.on("zoomend", syncLabels);
    map.on("moveend", function () { A.arrange(); });
    syncLabels();
  }

  /**
   * Draw the atlas on `map` (a Leaflet map) and return its state object, also `window.atlas`.
   * `atlas.apply(state)` (also `window.atlasApply`) shows the polities of state.year and the
   * events of [state.lo, state.hi] (only state.ids when given), with state.sel selected.
   */
  function atlasInit(map, options) {
    var A = {ready: false, pending: null, pol: {}, ev: {}, shownPol: {}, shownEv: {}, lastSel: null, applied: 0,
             byId: {}, reporting: false, map: map, selections: 0};
    var earliest = typeof options.earliestYear === "number" ? options.earliestYear : -Infinity;
    [["atlasLand", 205], ["atlasPolities", 300], ["atlasRivers", 320], ["atlasLabels", 450],
     ["atlasStacks", 640]].forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
    map.getPane("atlasLabels").style.pointerEvents = "none";
    map.getPane("atlasStacks").style.pointerEvents = "none";
    // Leaflet focuses the map on mousedown and puts back the scroll of its own window only: a page
    // around the map (an iframe's parent) scrolled the map into view between mousedown and mouseup,
    // and the click landed somewhere else. Focus without scrolling.
    if (map.keyboard && map.keyboard.enabled && map.keyboard.enabled()) {
      map.keyboard.disable();
      map.keyboard._onMouseDown = function () { if (!this._focused) this._map.getContainer().focus({preventScroll: true}); };
      map.keyboard.enable();
    }
    if (options.fillHeight) {
      var fill = function () {
        var h = window.innerHeight + "px", c = map.getContainer();
        if (c.style.height !== h) { c.style.height = h; map.invalidateSize(); }
      };
      window.addEventListener("resize", fill);
      fill();
    }
    if (options.viewParam) Page.followView(map, options.viewParam);
    A.polLabels = {};
    A.polLabelGroup = L.layerGroup().addTo(map);
    // Lay out the names drawn now (geo/atlas_labels.js): places, and the shown polities' names.
    A.arrange = function (retry) {
      if (!A.places) return;
      var z = map.getZoom(), lines = Object.keys(A.shownEv).map(function (id) { return A.ev[id].label; }).filter(Boolean);
      var unmeasured = Labels.arrange(map, A.places.filter(function (r) { return r.label.zoom <= z; }),
                                      Object.keys(A.polLabels).map(function (id) { return A.polLabels[id]; }), lines);
      // names and labels added in this step are laid out by the browser a frame later: arrange again then
      if ((retry || 0) < (unmeasured ? 3 : 1) && !A.rearranging) {
        A.rearranging = true;
        var later = typeof requestAnimationFrame === "function" ? requestAnimationFrame : setTimeout;
        later(function () { A.rearranging = false; A.arrange((retry || 0) + 1); });
      }
    };
    A.polGroup = L.featureGroup().addTo(map);
    A.evGroup = L.featureGroup().addTo(map);
    A.stacks = L.layerGroup().addTo(map);

    // Restyle the shown events for selection `sel` (the others dimmed while one is selected).
    // A tour step (s.hl) highlights its events and dims the rest in the same way.
    A.restyle = function (s) {
      var sel = s.sel && A.shownEv[s.sel] ? s.sel : null, hl = null;
      if (s.hl && !sel) { hl = {}; s.hl.forEach(function (id) { hl[id] = true; }); }
      Object.keys(A.shownEv).forEach(function (id) {
        var lit = hl ? !!hl[id] : id === sel;
        Shapes.styleEvent(A.ev[id], A.byId[id], fade(A.byId[id].end, s.year, s.mode), lit, hl ? !lit : !!sel && !lit);
      });
    };

    // Open the popup of event `id`: at its marker, or where the line was clicked (else its middle).
    A.openEvent = function (id, latlng) {
      var e = A.byId[id], rec = A.ev[id], point = e.shape === "Point";
      var at = point ? rec.main.getLatLng() : (latlng || rec.main.getCenter());
      var o = Pick.popupOptions(map, {offset: [0, point ? -6 : 0], className: "atlas-event-popup"});
      var html = A.store.popups[id];
      if (html === undefined) {  // its details have not arrived yet: open it when they have
        A.store.detailsOf(id).then(function () { if (A.state.sel === id) A.openEvent(id, latlng); }, A.failed);
        return;
      }
      A.popup = Pick.openInView(map, L.popup(o).setLatLng(at).setContent(html));
      var more = A.popup.getElement && A.popup.getElement().querySelector(".atlas-more");
      if (more) L.DomEvent.on(more, "click", function (ev) { L.DomEvent.preventDefault(ev); A.showDetail(); });
    };

    // "+N more sources": bring the page's detail panel into view (it holds every source).
    A.showDetail = function () {
      if (!options.detailSelector) return;
      try {
        var el = window.top.document.querySelector(options.detailSelector);
        if (el) { el.scrollIntoView({block: "start"}); el.focus({preventScroll: true}); }
      } catch (err) { /* another origin's page: nothing to scroll */ }
    };

    // Select event `id` in the browser; with `report`, click its layer for the page's listener too.
    A.select = function (id, latlng, report) {
      if (!A.shownEv[id]) return;
      A.state = Object.assign({}, A.state, {sel: id});
      A.localSel = {id: id, at: Date.now()};
      A.lastKey = stateKey(A.state);  // the server's confirmation of this selection redraws nothing
      A.restyle(A.state);
      A.openEvent(id, latlng);
      A.lastSel = id;
      A.selections += 1;
      if (report) {
        A.reporting = true;
        try { A.ev[id].main.fire("click", {latlng: latlng || A.popup.getLatLng()}, true); } finally { A.reporting = false; }
        map.fire("atlas:click", {id: id});
      }
    };

    // For tests and benchmarks: the events under container point (x, y), and a point of event `id`
    // inside the map where a click hits it (alone, if it can be hit alone: {x, y, alone}), or null.
    A.eventsAt = function (x, y) { return Pick.hitsAt(A, map, map.containerPointToLayerPoint(L.point(x, y))); };
    A.clickPoint = function (id) { return Pick.clickPoint(A, map, id); };

    // A click on an event's layer: select it, or list every event under the pointer to choose from.
    A.clicked = function (id, ev, layer) {
      if (A.reporting) return;
      // Leaflet gives a small marker's own position as the click's point: test where the pointer was
      var oe = ev.originalEvent, p = oe && "clientX" in oe ? map.mouseEventToLayerPoint(oe) : map.latLngToLayerPoint(ev.latlng);
      var at = map.layerPointToLatLng(p);
      var hits = Pick.hitsAt(A, map, p);
      if (hits.indexOf(id) < 0) hits.unshift(id);
      if (hits.length === 1) { A.select(id, at, false); map.fire("atlas:click", {id: id}); return; }
      // not a selection yet: the page's listener, which runs next, must not report this layer's event
      var tagged = layer.feature;
      layer.feature = {type: "Feature", properties: {event_id: null}, geometry: null};
      setTimeout(function () { layer.feature = tagged; }, 0);
      A.popup = Pick.openInView(map, L.popup(Pick.popupOptions(map, {className: "atlas-chooser-popup"}))
        .setLatLng(at).setContent(Pick.chooser(A, hits, at)));
      map.fire("atlas:click", {id: null, choices: hits});
    };

    var manifest = options.parts || {bundleUrl: options.bundleUrl};
    A.store = Parts.store(manifest);
    A.data = A.store.data;  // grows as parts arrive (tests and benchmarks read A.data.events)
    A.byId = A.store.byId;
    A.store.onDetails = function (ids) { ids.forEach(function (id) { Shapes.bindTooltip(A, id); }); };

    A.apply = function (s) {
      // the years' parts are on their way (asked for now, beside land and names): drawn when they are here
      if (!A.ready || !A.store.has(s.lo, s.hi, s.year)) {
        A.pending = s;
        A.store.ensure(s.lo, s.hi, s.year).then(function () {
          if (A.ready && A.pending === s) { A.pending = null; A.apply(s); }
        }, A.failed);
        return;
      }
      // A selection made on the map stands until the page confirms it: a state sent before the click
      // (the page's answer to an earlier one) may still arrive, and must not bring the old one back.
      if (A.localSel) {
        if (s.sel === A.localSel.id || Date.now() - A.localSel.at > 10000) A.localSel = null;
        else s = Object.assign({}, s, {sel: A.localSel.id});
      }
      // the server confirms a year the browser has already drawn (followYear): nothing to redraw
      var key = stateKey(s);
      if (key === A.lastKey) return;
      A.lastKey = key;
      var t0 = performance.now();
      var wantPol = {}, wantEv = {}, ids = s.ids ? {} : null;
      if (ids) s.ids.forEach(function (id) { ids[id] = true; });
      A.store.polities(s.year).forEach(function (p) { wantPol[p.id] = p; });
      A.store.events(s.lo, s.hi).forEach(function (e) { if (!ids || ids[e.id]) wantEv[e.id] = e; });
      Object.keys(A.shownPol).forEach(function (id) {
        if (!wantPol[id]) {
          A.polGroup.removeLayer(A.pol[id]);
          delete A.shownPol[id];
          if (A.polLabels[id]) { A.polLabelGroup.removeLayer(A.polLabels[id].marker); delete A.polLabels[id]; }
        }
      });
      Object.keys(wantPol).forEach(function (id) {
        if (!A.shownPol[id]) {
          var p = wantPol[id];
          A.pol[id] = A.pol[id] || Shapes.polityLayer(A, p);
          A.polGroup.addLayer(A.pol[id]);
          A.shownPol[id] = true;
          if (p.label) {
            A.polLabels[id] = {entry: p, marker: Labels.polityMarker(p), layer: A.pol[id]};
            A.polLabelGroup.addLayer(A.polLabels[id].marker);
          }
        }
      });
      Object.keys(A.shownEv).forEach(function (id) {
        if (!wantEv[id]) { A.ev[id].layers.forEach(function (l) { A.evGroup.removeLayer(l); }); delete A.shownEv[id]; }
      });
      Object.keys(wantEv).forEach(function (id) {
        var rec = A.ev[id];
        if (!rec) { rec = A.ev[id] = Shapes.eventLayers(A, wantEv[id]); Shapes.bindTooltip(A, id); }
        if (!A.shownEv[id]) { rec.layers.forEach(function (l) { A.evGroup.addLayer(l); }); A.shownEv[id] = true; }
      });
      A.restyle(s);
      Pick.drawStacks(A);
      A.arrange();
      if (s.view && s.viewKey && s.viewKey !== A.lastViewKey) {
        // a tour step's view, once per step; A.flownKey tells the tests and bench/ when the flight is over
        map.once("moveend", function () { A.flownKey = s.viewKey; });
        Page.flyTo(map, s.view);
      }
      A.lastViewKey = s.viewKey || A.lastViewKey;
      if (s.sel && wantEv[s.sel] && s.sel !== A.lastSel) {
        var sel = s.sel;  // chosen in the page (list, timeline, link): show it here too
        setTimeout(function () { if (A.state.sel === sel) A.openEvent(sel); }, 30);
      } else if (!s.sel && A.lastSel && A.popup) {
        map.closePopup(A.popup);
      }
      A.lastSel = s.sel || null;
      A.applied += 1;
      A.state = s;
      A.lastApplyMs = performance.now() - t0;  // read by bench/ and the browser tests
      // other layers (geo/relations_layer.js) follow the year; a stand-in map without events has none
      if (typeof map.fire === "function") map.fire("atlas:state", {state: s});
      if (!A.drawn) {
        A.drawn = true;  // the page around the map draws the rest of itself now (components/after_map.py)
        A.drawnAt = performance.now();
        A.store.prefetch(s.year).catch(function () { /* a later step asks for what it needs again */ });
      }
    };

    // The server's state (the per-year feature group calls this one) is kept: the slider passing through the
    // server's year again (a re-render shows the old value first) redraws it whole, a tour's highlight included.
    A.applyServer = function (s) { A.serverState = s; A.apply(s); };

    // Redraw for year y with the window, filters and selection of the last state.
    A.followYear = function (y) {
      var s = A.state;
      if (!s || !isFinite(y) || y === s.year) return;
      if (A.serverState && y === A.serverState.year) { A.apply(A.serverState); return; }
      var b = windowBounds(y, s.mode, s.n, earliest);
      A.apply({year: y, lo: b[0], hi: b[1], mode: s.mode, n: s.n, ids: s.ids, sel: s.sel, rel: s.rel});
    };

    if (root) { root.atlas = A; root.atlasApply = A.applyServer; }
    if (typeof options.sliderLabel === "string") Page.followSlider(A, options.sliderLabel);

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
