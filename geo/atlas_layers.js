// The atlas map's drawing code, rendered into the base map by geo/livemap.py (Jinja: the
// "this.*" placeholders are JSON literals made by geo.livemap.js_value). It fetches the bundle once
// and defines window.atlasApply(state), which the per-year feature group calls on every step.
(function () {
  var map = {{ this._parent.get_name() }};
  var A = window.atlas = {ready: false, pending: null, pol: {}, ev: {}, shownPol: {}, shownEv: {},
                          lastSel: null, applied: 0};
  var panes = [["atlasLand", 205], ["atlasPolities", 300], ["atlasRivers", 320], ["atlasLabels", 450]];
  panes.forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
  map.getPane("atlasLabels").style.pointerEvents = "none";
  A.polGroup = L.featureGroup().addTo(map);
  A.evGroup = L.featureGroup().addTo(map);
  var LAND = {{ this.land_style }}, RIVER = {{ this.river_style }};

  function polLayer(p) {
    var layer = L.geoJSON({type: "Feature", properties: {polity_feature: p.id}, geometry: A.data.geoms[p.g]}, {
      pane: "atlasPolities",
      style: {fillColor: p.c, color: p.c, weight: 1.2, opacity: 0.8, fillOpacity: p.hatch ? 0.16 : 0.28,
              dashArray: p.dash ? "5 4" : (p.hatch ? "2 3" : null),
              className: "atlas-polity pol-" + p.id}
    });
    layer.bindTooltip(p.tip, {sticky: true});
    return layer;
  }

  function tag(layer, id) {
    layer.feature = {type: "Feature", properties: {event_id: id}, geometry: null};
    return layer;
  }

  function evLayers(e) {
    var out = [], cls = "atlas-event ev-" + e.id, dash = e.u ? "4 3" : null, main;
    if (e.t === "Point") {
      main = L.circleMarker([e.xy[1], e.xy[0]], {radius: 8, color: "#333333", weight: 1.5, fillColor: e.c,
                                                   dashArray: dash, className: cls});
    } else {
      main = L.polyline(e.xy.map(function (c) { return [c[1], c[0]]; }),
                        {color: e.c, weight: 3.5, dashArray: dash, className: cls});
      var end = e.xy[e.xy.length - 1];
      var arrow = L.marker([end[1], end[0]], {icon: L.divIcon({
        html: '<div class="atlas-arrow" style="color:' + e.c + ';transform:rotate(' + e.rot + 'deg)">\u25B2</div>',
        iconSize: [14, 14], iconAnchor: [7, 7], className: "ev-arrow ev-" + e.id})});
      arrow.bindPopup(e.pop, {maxWidth: 360});
      out.push(tag(arrow, e.id));
    }
    main.bindPopup(e.pop, {maxWidth: 360});
    main.bindTooltip(e.tip);
    out.unshift(tag(main, e.id));
    (e.cand || []).forEach(function (c) {
      out.push(L.polyline([[c.from[1], c.from[0]], [c.xy[1], c.xy[0]]],
                          {color: "#555555", weight: 1.2, dashArray: "3 4", interactive: false,
                           className: "atlas-candidate-line"}));
      var dot = L.circleMarker([c.xy[1], c.xy[0]], {radius: 5, color: "#333333", weight: 1.5, fill: false,
                                                    className: "atlas-candidate"});
      dot.bindTooltip(c.tip);
      out.push(tag(dot, e.id));
    });
    return {main: main, layers: out, arrow: e.t === "Point" ? null : out[1]};
  }

  function styleEvent(rec, e, k, sel) {
    var op = (e.u ? 0.55 : 0.95) * k, fop = (e.u ? 0.35 : 0.85) * k;
    if (e.t === "Point") {
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

  A.apply = function (s) {
    if (!A.ready) { A.pending = s; return; }
    // the server confirms a year the browser has already drawn (followYear): nothing to redraw
    var key = JSON.stringify([s.year, s.lo, s.hi, s.mode, s.ids, s.sel]);
    if (key === A.lastKey) return;
    A.lastKey = key;
    var t0 = performance.now();
    var wantPol = {}, wantEv = {}, ids = s.ids ? {} : null;
    if (ids) s.ids.forEach(function (id) { ids[id] = true; });
    A.data.polities.forEach(function (p) { if (p.s <= s.year && p.e >= s.year) wantPol[p.id] = p; });
    A.data.events.forEach(function (e) {
      if (e.s <= s.hi && e.e >= s.lo && (!ids || ids[e.id])) wantEv[e.id] = e;
    });
    Object.keys(A.shownPol).forEach(function (id) {
      if (!wantPol[id]) { A.polGroup.removeLayer(A.pol[id]); delete A.shownPol[id]; }
    });
    Object.keys(wantPol).forEach(function (id) {
      if (!A.shownPol[id]) {
        A.pol[id] = A.pol[id] || polLayer(wantPol[id]);
        A.polGroup.addLayer(A.pol[id]);
        A.shownPol[id] = true;
      }
    });
    Object.keys(A.shownEv).forEach(function (id) {
      if (!wantEv[id]) { A.ev[id].layers.forEach(function (l) { A.evGroup.removeLayer(l); }); delete A.shownEv[id]; }
    });
    Object.keys(wantEv).forEach(function (id) {
      var e = wantEv[id], rec = A.ev[id] = A.ev[id] || evLayers(e);
      var k = (s.mode === "upto" && e.e < s.year) ? Math.max(0.25, 1 - (s.year - e.e) / 40) : 1;
      styleEvent(rec, e, k, id === s.sel);
      if (!A.shownEv[id]) { rec.layers.forEach(function (l) { A.evGroup.addLayer(l); }); A.shownEv[id] = true; }
    });
    if (s.sel && wantEv[s.sel] && s.sel !== A.lastSel) {
      var target = A.ev[s.sel].main;
      setTimeout(function () { target.openPopup(); }, 30);
    }
    A.lastSel = s.sel || null;
    A.applied += 1;
    A.state = s;
    A.lastApplyMs = performance.now() - t0;  // read by bench/ and the browser tests
  };
  window.atlasApply = A.apply;

  // Follow the year slider in the page around the map while it moves (keys or a drag), without
  // waiting for the server: Streamlit sends a slider's value only when it is released, and the
  // bundle already holds every year. The server's rerun then confirms the same state (a no-op).
  A.followYear = function (y) {
    var s = A.state;
    if (!s || !isFinite(y) || y === s.year) return;
    var lo = y, hi = y;
    if (s.mode === "around") { lo = y - s.n; hi = y + s.n; } else if (s.mode === "upto") { lo = s.lo; hi = y; }
    A.apply({year: y, lo: lo, hi: hi, mode: s.mode, n: s.n, ids: s.ids, sel: s.sel});
  };
  (function followSlider() {
    var pw;
    try { pw = window.parent; if (!pw || pw === window || !pw.document.body) return; } catch (e) { return; }
    if (pw.__atlasSliderObserver) pw.__atlasSliderObserver.disconnect();
    var latest = null;
    var obs = new pw.MutationObserver(function (muts) {
      muts.forEach(function (m) {
        var t = m.target;
        if (t.tagName === "INPUT" && t.type === "range" && t.getAttribute("aria-label") === {{ this.slider_label_js }}) {
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
  })();

  fetch({{ this.url_js }}).then(function (r) {
    if (!r.ok) throw new Error("atlas bundle: HTTP " + r.status);
    return r.json();
  }).then(function (d) {
    A.data = d;
    L.geoJSON(d.land, {pane: "atlasLand", interactive: false, style: LAND}).addTo(map);
    L.geoJSON(d.rivers, {pane: "atlasRivers", interactive: false, style: RIVER}).addTo(map);
    A.minorLabels = L.layerGroup();
    d.labels.forEach(function (l) {
      var label = L.marker([l[0], l[1]], {pane: "atlasLabels", interactive: false, keyboard: false,
                                          icon: L.divIcon({html: l[2], className: "place-label", iconSize: [140, 14],
                                                           iconAnchor: [3, 7]})});
      label.addTo(l[3] ? A.minorLabels : map);
    });
    var syncLabels = function () {
      if (map.getZoom() >= 6) { if (!map.hasLayer(A.minorLabels)) A.minorLabels.addTo(map); }
      else if (map.hasLayer(A.minorLabels)) map.removeLayer(A.minorLabels);
    };
    map.on("zoomend", syncLabels);
    syncLabels();
    A.ready = true;
    if (A.pending) { var s = A.pending; A.pending = null; A.apply(s); }
  }).catch(function (err) {
    A.error = String(err);
    var box = L.control({position: "topright"});
    box.onAdd = function () {
      var div = L.DomUtil.create("div", "atlas-load-error");
      div.textContent = "The map's data could not be loaded (" + A.error + "). Reload the page.";
      return div;
    };
    box.addTo(map);
  });
})();
