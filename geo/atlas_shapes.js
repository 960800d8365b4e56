// The map's shapes: the Leaflet layers of a polity period and of an event, and how an event is styled as the
// year, the window and the selection change. Plain JavaScript, loaded before geo/atlas_layers.js (which calls
// it through window.atlasShapes) and required under node; it needs Leaflet (the global L) and
// geo/atlas_pick.js. Every "*_html" value it inserts was HTML-escaped in Python (geo/bundle.py).
(function (root) {
  "use strict";
  var Pick = (root && root.atlasPick) || (typeof require === "function" ? require("./atlas_pick.js") : null);
  var LOW = "#b00020";  // the ring of an event that rests on the unreliable source

  function polityLayer(A, p) {
    var layer = L.geoJSON({type: "Feature", properties: {polity_feature: p.id}, geometry: A.data.geoms[p.geom]}, {
      pane: "atlasPolities",
      style: {fillColor: p.color, color: p.color, weight: 1.2, opacity: 0.8, fillOpacity: p.hatched ? 0.16 : 0.28,
              dashArray: p.dashed ? "5 4" : (p.hatched ? "2 3" : null),
              className: "atlas-polity pol-" + p.id}
    });
    layer.bindTooltip(p.tooltip_html, {sticky: true});
    Pick.politySelectable(A, p, layer);  // a click shows its card in the page
    return layer;
  }

  // st_folium returns the clicked layer's `feature` as last_active_drawing: the event id travels in it
  function tag(layer, id) {
    layer.feature = {type: "Feature", properties: {event_id: id}, geometry: null};
    return layer;
  }

  function eventLayers(A, e) {
    var out = [], cls = "atlas-event ev-" + e.id, dash = e.uncertain ? "4 3" : null, main, label = null;
    var onClick = function (ev) { A.clicked(e.id, ev, this); };
    if (e.low) { dash = "1 4"; cls += " atlas-low"; }  // the unreliable source: dotted, with a dark red ring
    if (e.shape === "Point") {
      main = L.circleMarker([e.coords[1], e.coords[0]], {radius: 8, color: e.low ? LOW : "#333333", weight: e.low ? 2.5 : 1.5,
        fillColor: e.color, dashArray: dash, className: cls, bubblingMouseEvents: false});
    } else {
      main = L.polyline(e.coords.map(function (c) { return [c[1], c[0]]; }),
                        {color: e.color, weight: 3.5, dashArray: dash, className: cls, bubblingMouseEvents: false});
      var end = e.coords[e.coords.length - 1];
      var arrow = L.marker([end[1], end[0]], {icon: L.divIcon({
        html: '<div class="atlas-arrow" style="color:' + e.color + ";transform:rotate(" + e.bearing + 'deg)">\u25B2</div>',
        iconSize: [14, 14], iconAnchor: [7, 7], className: "ev-arrow ev-" + e.id}), keyboard: false});
      arrow.on("click", onClick);
      out.push(tag(arrow, e.id));
      if (e.label_html) {
        label = L.marker([e.label_at[1], e.label_at[0]], {pane: "atlasLabels", interactive: false, keyboard: false,
          icon: L.divIcon({html: "<span>" + e.label_html + "</span>", className: "atlas-line-label"})});
        out.push(label);
      }
    }
    main.on("click", onClick);
    out.unshift(tag(main, e.id));
    (e.candidates || []).forEach(function (c) {
      out.push(L.polyline([[c.anchor[1], c.anchor[0]], [c.site[1], c.site[0]]],
                          {color: "#555555", weight: 1.2, dashArray: "3 4", interactive: false,
                           className: "atlas-candidate-line"}));
      var dot = L.circleMarker([c.site[1], c.site[0]], {radius: 5, color: "#333333", weight: 1.5, fill: false,
                                                        className: "atlas-candidate", bubblingMouseEvents: false});
      dot.bindTooltip(c.tooltip_html);
      dot.on("click", onClick);
      out.push(tag(dot, e.id));
    });
    // label: a movement's short label ("Maria → Abaqa"), which the names on the map keep clear of
    return {main: main, layers: out, arrow: e.shape === "Point" ? null : out[1], shape: e.shape, style: null,
            label: label};
  }

  // An event's tooltip, once its details part has arrived (they come after the first drawing).
  function bindTooltip(A, id) {
    var rec = A.ev[id], tip = A.store.tooltips[id];
    if (rec && !rec.tip && tip !== undefined) { rec.tip = true; rec.main.bindTooltip(tip); }
  }

  function styleEvent(rec, e, k, sel, dim) {
    var el = rec.main.getElement && rec.main.getElement();
    if (el) el.classList.toggle("atlas-hl", !!sel);  // a re-added layer has a new element: always set
    var key = k + (sel ? "s" : "") + (dim ? "d" : "");
    if (rec.style === key) return;  // as drawn already: a step restyles only what changed
    rec.style = key;
    if (dim) k *= 0.3;  // another event is selected (or a tour step shows others): this one steps back
    var op = (e.uncertain ? 0.55 : 0.95) * k, fop = (e.uncertain ? 0.35 : 0.85) * k;
    if (e.shape === "Point") {
      rec.main.setStyle({opacity: op, fillOpacity: fop, color: sel ? "#111111" : (e.low ? LOW : "#333333"),
                         weight: sel ? 3 : (e.low ? 2.5 : 1.5)});
      rec.main.setRadius(sel ? 11 : 8);
    } else {
      rec.main.setStyle({opacity: op, weight: sel ? 5 : 3.5});
      if (rec.arrow) rec.arrow.setOpacity(op);
    }
    rec.layers.forEach(function (l) {
      if (l !== rec.main && l.setStyle && !(l instanceof L.Marker)) l.setStyle({opacity: 0.8 * k});
    });
    if (sel && rec.main.bringToFront) rec.main.bringToFront();
  }

  var api = {polityLayer: polityLayer, eventLayers: eventLayers, bindTooltip: bindTooltip, styleEvent: styleEvent};
  if (root) root.atlasShapes = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : null);
