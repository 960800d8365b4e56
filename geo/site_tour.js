// The static site's guided tours (components/tours.py in the app): "Start here", the tour panel with its step
// indicator, ◀ Previous / Next ▶ (and the arrow keys while the panel has focus), "Resume" and "Leave tour".
//
// A playing tour owns the year, the window, the filters and the selection: each step sets them (geo/site_state.js
// applyStep), and the map flies to the step's view with its events highlighted and the rest dimmed (atlasInit's
// `hl`, `view` and `viewKey`). Any other control that changes one of them pauses the tour (`paused=1` in the
// address) and keeps what the reader chose; "Resume" goes back to the step. The relations switch and the map's
// own pan and zoom do not pause it. The panel's HTML is geo/tour_view.py's, fetched when a tour is first shown.
(function () {
  "use strict";
  var site = window.site, S = window.siteState;
  var $ = function (id) { return document.getElementById(id); };
  //: what a step sets (components/tours.py OWNED)
  var OWNED = ["year", "window", "n", "kinds", "polities", "sources", "hideUnreliable", "q", "event"];
  // seq: one per step shown or resumed (the map flies once per key); applied: the state the step set
  var T = {seq: 0, applied: null, noFlight: null};

  function snapshot(s) { return JSON.stringify(OWNED.map(function (k) { return s[k]; })); }

  function tour() {
    var id = site.state.tour;
    return id ? site.C.tours.filter(function (t) { return t.id === id; })[0] || null : null;
  }

  /** The state as the step set it, remembered to notice a change; the map flies again. */
  function applied() {
    T.seq += 1;
    T.applied = snapshot(site.state);
  }

  /** Step `n` (from 1) of the tour on screen, playing. */
  function stepTo(n) {
    var s = site.state;
    s.step = n;
    S.applyStep(s, site.C);
    applied();
    site.render(false);
  }

  function start(id) {
    var s = site.state;
    s.tour = id;
    s.page = "atlas";
    stepTo(1);
    if ($("tour")) $("tour").focus({preventScroll: true});  // the arrow keys work at once
  }

  function leave() {
    var s = site.state;
    s.tour = null;
    s.step = null;
    s.paused = false;
    T.applied = null;
    site.render(false);
  }

  /** The tour panel and "Start here" as the state says. */
  function draw() {
    var s = site.state, t = tour(), box = $("tour");
    if ($("start-here")) $("start-here").hidden = !!t;
    if (!box) return;
    box.hidden = !t;
    if (!t) { box.removeAttribute("data-shown"); return; }
    box.setAttribute("data-playing", s.paused ? "0" : "1");
    $("tour-prev").disabled = s.step <= 1;
    $("tour-next").disabled = s.step >= t.steps.length;
    $("tour-resume").disabled = !s.paused;
    var key = t.id + "|" + s.step, want = s.step;
    if (box.getAttribute("data-shown") === key) return;
    site.load("tours").then(function (panels) {
      if (site.state.tour !== t.id || site.state.step !== want) return;  // moved on since
      $("tour-body").innerHTML = panels[t.id][want - 1];
      box.setAttribute("data-shown", key);
    }).catch(function (err) { $("tour-body").textContent = "The tour could not be loaded (" + err + ")."; });
  }

  function wire() {
    var box = $("tour");
    if (box) {
      $("tour-prev").addEventListener("click", function () { stepTo(site.state.step - 1); });
      $("tour-next").addEventListener("click", function () { stepTo(site.state.step + 1); });
      $("tour-resume").addEventListener("click", function () { stepTo(site.state.step); });
      $("tour-leave").addEventListener("click", leave);
      box.addEventListener("keydown", function (ev) {
        var b = ev.key === "ArrowRight" ? $("tour-next") : ev.key === "ArrowLeft" ? $("tour-prev") : null;
        if (!b || ev.altKey || ev.ctrlKey || ev.metaKey) return;
        ev.preventDefault();  // the page would scroll sideways
        if (!b.disabled) b.click();
      });
    }
    var list = $("start-here");
    if (list) {
      list.addEventListener("click", function (ev) {
        var a = ev.target.closest("a[data-tour]");
        if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;  // a new tab follows the link
        ev.preventDefault();
        start(a.getAttribute("data-tour"));
      });
    }
  }

  site.tours = {
    /** After a link was read (geo/site_page.js openLink): a playing tour's step is on screen as it says. */
    opened: function (first) {
      var s = site.state;
      T.applied = null;
      if (s.tour && !s.paused) {
        applied();
        if (first && s.view) T.noFlight = T.seq;  // the link carries the map's view too: the reader had moved it
      }
      if (first && $("start-here") && !location.search) $("start-here").open = true;  // a first visit: offered
    },
    /** Before a redraw: a control other than the tour's changed what the step set, so the tour pauses. */
    check: function () {
      var s = site.state;
      if (s.tour && !s.paused && T.applied !== null && snapshot(s) !== T.applied) s.paused = true;
    },
    /** What the map adds for a playing tour: the step's events highlighted, its view flown to once. */
    map: function () {
      var s = site.state, t = tour();
      if (!t || s.paused) return {hl: null, view: null, viewKey: null};
      var step = t.steps[s.step - 1];
      return {hl: step.events.slice(), view: T.seq === T.noFlight ? null : step.view, viewKey: String(T.seq)};
    },
    draw: draw,
    start: start
  };
  wire();
})();
