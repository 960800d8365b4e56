// The static site's page: what Streamlit draws around the map in the app, in plain JavaScript. The year
// slider with its step buttons and Play, the window, the filters, the list of events in view, the legend, the
// address (geo/site_state.js reads and writes it as the app does) and the map itself, drawn by the app's own
// files (atlasInit, geo/atlas_layers.js), with the relations layer over it (relationsInit,
// geo/relations_layer.js). The detail panel, "Cite this view", the sources page and the embed snippet are in
// geo/site_panels.js, the tours in geo/site_tour.js. index.html and embed.html both run it; embed.html has fewer
// elements.
//
// Every string from the data arrives HTML-escaped by Python (the "*_html" keys of geo/site_data.py); the page
// inserts those as HTML and anything else (the address's own words, numbers) as text.
(function () {
  "use strict";
  var S = window.siteState;
  var cfg = JSON.parse(document.getElementById("atlas-config").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var site = {cfg: cfg, C: null, state: null, atlas: null, map: null, byId: {}, ready: false, embed: !!cfg.embed};
  window.site = site;  // for the browser tests and bench/

  function esc(t) { var d = document.createElement("div"); d.textContent = t; return d.innerHTML; }

  // ------------------------------------------------------------------ the map
  function ensureMap() {
    if (site.map) return;
    var M = cfg.map, map = L.map("map", {center: M.center, zoom: M.zoom, minZoom: M.minZoom, maxZoom: M.maxZoom,
                                         fadeAnimation: false});
    L.control.scale().addTo(map);
    site.map = map;
    site.atlas = atlasInit(map, M.options);
    // the relations layer follows the atlas's states (their `rel`); choosing an event on an arc selects it here
    site.relations = relationsInit(map, {dataUrl: M.relations.dataUrl, onSelect: function (id) { select(id); }});
    if (site.embed) {  // the embed reads the view from its link but never writes an address (see embed.html)
      var v = S.parseView(new URLSearchParams(location.search).get("view") || "", [M.minZoom, M.maxZoom]);
      if (v) map.setView([+v.split(",")[0], +v.split(",")[1]], +v.split(",")[2], {animate: false});
    }
    map.on("atlas:click", function (ev) { if (ev.id) select(ev.id, false); });
    map.on("popupopen", function (ev) { if (site.onPopup) site.onPopup(ev.popup); });
  }

  // ------------------------------------------------------------------ what the state shows
  function inView() {
    var s = site.state, b = S.windowBounds(s.year, s.window, s.n, site.C.limits.earliest), all = S.noFilters(s);
    return site.C.events.filter(function (e) {
      return e.start <= b[1] && e.end >= b[0] && (all || S.matches(e, s));
    });
  }

  function drawMap() {
    if (!site.atlas) return;
    var s = site.state, b = S.windowBounds(s.year, s.window, s.n, site.C.limits.earliest);
    var ids = S.noFilters(s) ? null : site.C.events.filter(function (e) { return S.matches(e, s); })
      .map(function (e) { return e.id; }).sort();
    var t = site.tours ? site.tours.map() : {hl: null, view: null, viewKey: null};
    site.atlas.apply({year: s.year, lo: b[0], hi: b[1], mode: s.window, n: s.n, ids: ids, sel: s.event,
                      rel: !!s.relations, hl: t.hl, view: t.view, viewKey: t.viewKey});
  }

  function drawRelations() {
    if (!$("relations")) return;
    $("relations").checked = !!site.state.relations;
    $("relations-legend").hidden = !site.state.relations;
  }

  function drawYear() {
    var s = site.state, L_ = site.C.limits;
    $("year").value = s.year;
    $("year").setAttribute("aria-valuetext", String(s.year));
    $("year-out").textContent = s.year;
    $("year-prev").disabled = s.year <= L_.yearMin;
    $("year-next").disabled = s.year >= L_.yearMax;
    $("play").textContent = site.playing ? "\u275a\u275a Pause" : "\u25b6 Play";
    $("play").setAttribute("aria-pressed", site.playing ? "true" : "false");
  }

  function drawWindow() {
    var s = site.state, box = $("window-box");
    if (!box) return;
    box.querySelectorAll("input[name=window]").forEach(function (r) { r.checked = r.value === s.window; });
    $("n-box").hidden = s.window !== "around";
    $("window-n").value = s.n;
  }

  function drawFilters() {
    var s = site.state, box = $("filters");
    if (!box) return;
    box.querySelectorAll("input[data-filter]").forEach(function (c) {
      c.checked = s[c.getAttribute("data-filter")].indexOf(c.value) >= 0;
    });
    $("f-hide").checked = s.hideUnreliable;
    if ($("f-q").value !== s.q) $("f-q").value = s.q;
    $("filters-count").textContent = S.noFilters(s) ? "" : "(on)";
  }

  function drawList(events) {
    var box = $("event-list");
    if (!box) return;
    if (!events.length) { box.innerHTML = '<p class="site-muted">No events in this window with these filters.</p>'; return; }
    var rows = events.map(function (e) {
      var sel = e.id === site.state.event ? ' class="selected" aria-current="true"' : "";
      return "<tr" + sel + "><td>" + e.date_html + '</td><td><button type="button" class="site-link" data-event="' +
        esc(e.id) + '">' + e.title_html + "</button></td><td>" + e.kind_html + "</td><td>" + e.places_html +
        "</td><td>" + e.participants_html + "</td><td>" + e.reliability_html + "</td><td>" +
        (e.uncertain ? "uncertain" : "") + "</td></tr>";
    });
    box.innerHTML = '<table class="site-events"><thead><tr><th>date</th><th>title</th><th>kind</th><th>places</th>' +
      "<th>participants</th><th>reliability</th><th>date</th></tr></thead><tbody>" + rows.join("") + "</tbody></table>";
  }

  // The legend (geo/render.py legend_html): the kinds in view, how uncertainty is drawn, the year's polities.
  function drawLegend(events) {
    var box = $("legend");
    if (!box) return;
    var kinds = Object.create(null), pols = Object.create(null), s = site.state;
    events.forEach(function (e) { kinds[e.kind] = e; });
    var kindItems = Object.keys(kinds).sort().map(function (k) {
      return '<span class="lg-item"><span class="lg-dot" style="background:' + kinds[k].color + '"></span>' +
        kinds[k].kind_html + "</span>";
    }).join("");
    site.C.polity_legend.forEach(function (p) {
      if (p.start <= s.year && p.end >= s.year && !pols[p.polity]) pols[p.polity] = p;
    });
    var polItems = Object.keys(pols).map(function (k) {
      return '<span class="lg-item"><span class="lg-box" style="background:' + pols[k].color + '"></span>' +
        pols[k].name_html + "</span>";
    }).join("");
    box.innerHTML = '<div class="atlas-legend"><div><b>Events</b>: ' + (kindItems || "none in view") +
      ' <span class="lg-item"><span class="lg-unc"></span>uncertain date (dashed, translucent)</span> ' +
      '<span class="lg-item">\u25b6 direction of a movement</span></div><div><b>Polities in this year</b>: ' +
      (polItems || "none") + "</div></div>";
  }

  /** The address follows the state (replaceState: one history entry per page, as Streamlit keeps it). */
  function writeAddress(push) {
    if (site.embed) return;
    var s = site.state, q = new URLSearchParams(location.search);
    s.view = S.parseView(q.get("view") || "", site.C.limits.zooms);  // the map writes its own view as it moves
    var url = S.search(S.addressPairs(s)) + location.hash;
    if (url === location.search + location.hash) return;
    if (push) history.pushState(null, "", url || location.pathname);
    else history.replaceState(history.state, "", url || location.pathname);
  }

  /** Redraw everything the state shows. */
  function render(push) {
    var s = site.state;
    if (site.tours) site.tours.check();  // a control other than the tour's changed what the step set: paused
    document.body.setAttribute("data-page", s.page);
    if ($("page-atlas")) $("page-atlas").hidden = s.page !== "atlas";
    if ($("page-sources")) $("page-sources").hidden = s.page !== "sources";
    document.querySelectorAll("[data-nav]").forEach(function (a) {
      a.setAttribute("aria-current", a.getAttribute("data-nav") === s.page ? "page" : "false");
    });
    if (s.page === "atlas") {
      if (site.map && site.shown !== "atlas") site.map.invalidateSize();  // its element was hidden: measure again
      ensureMap();
      drawYear();
      drawWindow();
      drawFilters();
      drawRelations();
      drawMap();
      var events = inView();
      drawList(events);
      drawLegend(events);
      if (site.panels) site.panels.atlas(events);
      if (site.tours) site.tours.draw();
    } else if (site.panels) {
      site.panels.sources();
    }
    site.shown = s.page;
    writeAddress(push);
    site.rendered = (site.rendered || 0) + 1;
  }

  /** Select event `id` (null: none). From the list or a link the year moves to the event when it is out of
   *  view (components/state.py select_event); a click on the map keeps it: what was clicked is in view. `push`: a new
   *  history entry (a link followed in the page). */
  function select(id, moveYear, push) {
    var s = site.state;
    if (id && moveYear !== false) {
      var e = site.byId[id], b = S.windowBounds(s.year, s.window, s.n, site.C.limits.earliest);
      if (e && !(e.start <= b[1] && e.end >= b[0])) s.year = e.start;
    }
    s.event = id;
    render(!!push);
  }

  function setYear(y) {
    var L_ = site.C.limits;
    site.state.year = Math.max(L_.yearMin, Math.min(L_.yearMax, y));
    render(false);
  }

  function play(on) {
    clearInterval(site.timer);
    site.playing = on;
    if (on) {
      if (site.state.year >= site.C.limits.yearMax) site.state.year = site.C.limits.yearMin;
      site.timer = setInterval(function () {
        if (site.state.year >= site.C.limits.yearMax) { play(false); drawYear(); return; }
        setYear(site.state.year + 1);
      }, cfg.playStepMs);
    }
    render(false);
  }

  function notices(invalid) {
    var box = $("notices"), names = Object.keys(invalid);
    if (!box || !names.length) return;
    box.textContent = "Parts of the link were ignored and removed from the address: ";
    names.forEach(function (k, i) {
      var b = document.createElement("b");
      b.textContent = k;
      box.appendChild(b);
      box.appendChild(document.createTextNode(" " + invalid[k] + (i < names.length - 1 ? "; " : ".")));
    });
    box.hidden = false;
  }

  // ------------------------------------------------------------------ controls
  function wire() {
    var s = function () { return site.state; };
    $("year").addEventListener("input", function (ev) { setYear(parseInt(ev.target.value, 10)); });
    $("year-prev").addEventListener("click", function () { setYear(s().year - 1); });
    $("year-next").addEventListener("click", function () { setYear(s().year + 1); });
    $("play").addEventListener("click", function () { play(!site.playing); });
    var box = $("window-box");
    if (box) {
      box.querySelectorAll("input[name=window]").forEach(function (r) {
        r.addEventListener("change", function () { s().window = r.value; render(false); });
      });
      $("window-n").addEventListener("change", function (ev) {
        var n = parseInt(ev.target.value, 10), max = site.C.limits.nMax;
        if (isFinite(n)) { s().n = Math.max(1, Math.min(max, n)); render(false); }
      });
    }
    var filters = $("filters");
    if (filters) {
      filters.querySelectorAll("input[data-filter]").forEach(function (c) {
        c.addEventListener("change", function () {
          var key = c.getAttribute("data-filter"), list = s()[key].filter(function (v) { return v !== c.value; });
          if (c.checked) list.push(c.value);
          s()[key] = list;
          render(false);
        });
      });
      $("f-hide").addEventListener("change", function (ev) { s().hideUnreliable = ev.target.checked; render(false); });
      $("f-q").addEventListener("input", function (ev) {
        s().q = Array.from(ev.target.value).slice(0, site.C.limits.searchMax).join("");
        render(false);
      });
    }
    if ($("relations")) {
      $("relations").addEventListener("change", function (ev) { s().relations = ev.target.checked; render(false); });
    }
    var list = $("event-list");
    if (list) {
      list.addEventListener("click", function (ev) {
        var b = ev.target.closest("button[data-event]");
        if (b) select(b.getAttribute("data-event"), false);  // a row of the list is in view: the year stays
      });
    }
    document.querySelectorAll("[data-nav]").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        if (site.state.page === a.getAttribute("data-nav")) return;
        site.state.page = a.getAttribute("data-nav");
        clearInterval(site.timer);
        site.playing = false;
        render(true);  // a new history entry: Back returns to the page before
      });
    });
    window.addEventListener("popstate", function () { openLink(false); });
  }

  /** Open the address as a link: the state it names; on the first visit, the notices for what was ignored. */
  function openLink(first) {
    var pairs = Array.from(new URLSearchParams(location.search).entries());
    var parsed = S.parseLink(pairs, site.C);
    site.state = S.stateFromLink(parsed, site.C);
    if (site.tours) site.tours.opened(first);
    if (first) notices(parsed.invalid);
    if (first && $("filters") && !S.noFilters(site.state)) $("filters").open = true;
    render(false);
  }

  function start(C) {
    site.C = C;
    C.events.forEach(function (e) { site.byId[e.id] = e; });
    var L_ = C.limits;
    $("year").min = L_.yearMin;
    $("year").max = L_.yearMax;
    if ($("window-n")) $("window-n").max = L_.nMax;
    wire();
    openLink(true);
    site.ready = true;
  }

  site.select = select;
  site.setYear = setYear;
  site.render = render;
  site.esc = esc;
  // The map starts fetching its bundle at once, unless the link opens the sources page.
  if (new URLSearchParams(location.search).get("page") !== "sources") ensureMap();
  fetch(cfg.files.index).then(function (r) {
    if (!r.ok) throw new Error("HTTP " + r.status);
    return r.json();
  }).then(start).catch(function (err) {
    var box = $("notices");
    box.textContent = "The atlas's data could not be loaded (" + err + "). Reload the page.";
    box.hidden = false;
  });
})();
