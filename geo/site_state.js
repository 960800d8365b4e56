// The static site's rules, as pure functions: the shareable address (read and written as geo/urlstate.py
// does), the year window (geo/windows.py), the filters and the search (geo/search.py), and the words of
// "Cite this view" (geo/cite.py). No DOM: tests/test_site_js.py runs them under node against the Python.
//
// C, the site's index (geo/site_data.py SiteIndex), gives what a link may name (events, kinds, polities,
// sources), the parameters in geo/urlstate.py's order with the reason each refuses a bad value, and the limits.
(function (root) {
  "use strict";

  // Python's str.strip() whitespace (JS trim() differs: it keeps \x1c-\x1f and \x85, and strips \ufeff)
  var WS = "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
  var STRIP = new RegExp("^" + WS + "+|" + WS + "+$", "g");
  var INT = /^-?[0-9]{1,6}$/;
  var VIEW = /^(-?[0-9]{1,2}(?:\.[0-9]{1,6})?),(-?[0-9]{1,3}(?:\.[0-9]{1,6})?),([0-9]{1,2})$/;

  function strip(s) { return s.replace(STRIP, ""); }

  function intIn(lo, hi) {
    return function (v) {
      if (!INT.test(strip(v))) return null;
      var n = parseInt(strip(v), 10);
      return n >= lo && n <= hi ? n : null;
    };
  }

  function oneOf(allowed) { return function (v) { return allowed.indexOf(v) >= 0 ? v : null; }; }

  function listOf(allowed) {
    return function (v) {
      var items = v.split(",").filter(function (x) { return x; }), out = [];
      if (!items.length || items.some(function (x) { return !allowed[x]; })) return null;
      items.forEach(function (x) { if (out.indexOf(x) < 0) out.push(x); });
      return out;
    };
  }

  /** The map view "lat,lon,zoom" if the map can show it (as given, stripped), else null (parse_view). */
  function parseView(v, zooms) {
    var m = VIEW.exec(strip(v));
    if (!m) return null;
    var lat = +m[1], lon = +m[2], z = +m[3];
    return lat >= -85 && lat <= 85 && lon >= -180 && lon <= 180 && z >= zooms[0] && z <= zooms[1] ? strip(v) : null;
  }

  // a lookup with no prototype: "__proto__" or "constructor" in a link names nothing
  function set(list) { var o = Object.create(null); list.forEach(function (x) { o[x] = true; }); return o; }

  // name in the URL -> [attribute of the state, parser]: geo/urlstate.py PARAMS
  function parsers(C) {
    var L = C.limits, ids = Object.create(null), ids2 = function (items) { return set(items.map(function (c) { return c.id; })); };
    C.events.forEach(function (e) { ids[e.id] = true; });
    return {
      year: ["year", intIn(L.yearMin, L.yearMax)],
      window: ["window", oneOf(L.windowModes)],
      n: ["n", intIn(1, L.nMax)],
      kind: ["kinds", listOf(ids2(C.kinds))],
      polity: ["polities", listOf(ids2(C.polities))],
      source_filter: ["sources", listOf(ids2(C.sources))],
      hide_unreliable: ["hideUnreliable", flag],
      q: ["q", function (v) { return Array.from(v).slice(0, L.searchMax).join(""); }],
      event: ["event", function (v) { return ids[v] ? v : null; }],
      page: ["page", oneOf(L.pages)],
      source: ["source", function (v) { return ids2(C.sources)[v] ? v : null; }],
      cite: ["cite", intIn(0, 999)],
      view: ["view", function (v) { return parseView(v, L.zooms); }],
      relations: ["relations", flag],
      tour: ["tour", function (v) { return tourSteps(C)[v] ? v : null; }],
      step: ["step", intIn(1, L.stepsMax)],
      paused: ["paused", flag]
    };
  }

  function flag(v) { return v === "1" ? true : v === "0" ? false : null; }

  /** Tour id -> its number of steps (no prototype: "__proto__" names no tour). */
  function tourSteps(C) {
    var out = Object.create(null);
    (C.tours || []).forEach(function (t) { out[t.id] = t.steps.length; });
    return out;
  }

  /** A step belongs to a tour; a bad tour or a bad step gives the plain atlas (geo/urlstate.py _check_step). */
  function checkStep(given, invalid, last, C) {
    if (given.tour === null || given.tour === undefined) {
      if ("step" in last && !("tour" in last)) invalid.step = "needs a tour (tour=\u2026)";
      if ("step" in last) given.step = null;
      if ("paused" in last) given.paused = null;
      return;
    }
    var count = tourSteps(C)[given.tour];
    if ("step" in last && (given.step === null || given.step > count)) {
      invalid.step = "must be a step of this tour, from 1 to " + count;
      given.tour = null;
      given.step = null;
      if ("paused" in last) given.paused = null;
    }
  }

  /**
   * Read a link: `pairs` are its [name, value] pairs in order (URLSearchParams). Returns {given, invalid}:
   * the valid values by state attribute, and name -> why for each ignored part (parse_url_state; a name
   * given more than once keeps its last value and says so, as components/state.py does).
   */
  function parseLink(pairs, C) {
    // lookups keyed by what the link says: no prototype, so "__proto__" is a name like any other
    var P = parsers(C), last = Object.create(null), count = Object.create(null);
    var names = C.params.map(function (p) { return p.name; });
    var why = Object.create(null), given = Object.create(null), invalid = Object.create(null);
    C.params.forEach(function (p) { why[p.name] = p.why; });
    pairs.forEach(function (kv) { last[kv[0]] = kv[1]; count[kv[0]] = (count[kv[0]] || 0) + 1; });
    Object.keys(last).forEach(function (k) { if (names.indexOf(k) < 0) invalid[k] = "is not a parameter of this atlas"; });
    names.forEach(function (name) {
      if (!(name in last)) return;
      var v = P[name][1](last[name]);
      given[P[name][0]] = v;
      if (v === null) invalid[name] = why[name];
    });
    checkStep(given, invalid, last, C);
    Object.keys(count).forEach(function (k) {
      if (count[k] > 1 && !(k in invalid)) invalid[k] = "was given more than once; only the last value was used";
    });
    return {given: given, invalid: invalid};
  }

  /** The state a link opens (components/state.py init_state): defaults, an event's year, then the link. */
  function stateFromLink(parsed, C) {
    var d = C.limits.defaults, g = parsed.given;
    var s = {year: d.year, window: d.window, n: d.n, kinds: [], polities: [], sources: [], hideUnreliable: false,
             q: "", event: null, page: "atlas", source: null, cite: null, view: null, relations: false, tour: null,
             step: null, paused: false};
    if (g.event) s.year = C.events.filter(function (e) { return e.id === g.event; })[0].start;
    Object.keys(g).forEach(function (k) { if (g[k] !== null && g[k] !== undefined) s[k] = g[k]; });
    if (!s.tour) { s.step = null; s.paused = false; return s; }
    s.step = s.step || 1;  // components/tours.py init_tours: a paused tour keeps the link's own view
    return s.paused ? s : applyStep(s, C);
  }

  /** The tour's step `s.step` (from 1) on screen: its year and window, no filters, nothing selected, playing
   *  (components/tours.py _apply_step). Returns `s`. */
  function applyStep(s, C) {
    var tour = (C.tours || []).filter(function (t) { return t.id === s.tour; })[0], st = tour.steps[s.step - 1];
    s.year = st.year;
    s.window = st.window;
    s.n = st.n;
    s.kinds = [];
    s.polities = [];
    s.sources = [];
    s.hideUnreliable = false;
    s.q = "";
    s.event = null;
    s.paused = false;
    return s;
  }

  /** The address of state `s`: a playing tour's is the tour and its step (components/state.py
   *  current_url_params), anything else is the whole view. */
  function addressPairs(s) {
    if (s.tour && !s.paused) return linkPairs({relations: s.relations, tour: s.tour, step: s.step, view: s.view});
    return linkPairs(s);
  }

  function written(v) {
    if (v === true) return "1";
    if (v === false) return "0";
    return Array.isArray(v) ? v.join(",") : String(v);
  }

  /** The [name, value] pairs that reproduce state `s`, defaults left out (url_params). */
  function linkPairs(s) {
    var out = [], onSources = s.page === "sources";
    var rows = [["year", s.year], ["window", s.window, "year"], ["n", s.window === "around" ? s.n : null],
                ["kind", s.kinds, []], ["polity", s.polities, []], ["source_filter", s.sources, []],
                ["hide_unreliable", s.hideUnreliable, false], ["q", s.q, ""], ["event", s.event, ""],
                ["page", s.page, "atlas"], ["source", onSources ? s.source : null, ""],
                ["cite", onSources ? s.cite : null], ["view", s.view, ""],  // the view survives the sources page
                ["relations", s.relations, false], ["tour", s.tour, ""], ["step", s.tour ? s.step : null],
                ["paused", s.tour ? s.paused : null, false]];
    rows.forEach(function (r) {
      var v = r[1];
      if (v === null || v === undefined) return;
      if (r.length > 2 && (Array.isArray(v) ? v.length === 0 : v === r[2])) return;
      out.push([r[0], written(v)]);
    });
    return out;
  }

  /** "?year=1264&kind=a,b": commas and colons left readable, as Streamlit writes them. */
  function search(pairs) {
    var q = new URLSearchParams();
    pairs.forEach(function (kv) { q.append(kv[0], kv[1]); });
    var t = q.toString().replace(/%2C/g, ",");
    return t ? "?" + t : "";
  }

  /** The inclusive [lo, hi] years a window covers (geo/windows.py window_bounds). */
  function windowBounds(year, mode, n, earliest) {
    if (mode === "around") return [year - n, year + n];
    if (mode === "upto") return [earliest, year];
    return [year, year];
  }

  /** Case- and accent-insensitive text (geo/search.py _fold: casefold, NFKD, no combining marks). */
  function fold(text) {
    var t = String(text).toLowerCase().replace(/\u00df/g, "ss").replace(/\u03c2/g, "\u03c3").replace(/\u017f/g, "s");
    return t.normalize("NFKD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
  }

  function noFilters(s) {
    return !s.kinds.length && !s.polities.length && !s.sources.length && !s.hideUnreliable && !strip(s.q);
  }

  /** True when site event `e` passes the filters of state `s` (geo/search.py matches). */
  function matches(e, s) {
    var any = function (a, b) { return a.some(function (x) { return b.indexOf(x) >= 0; }); };
    if (s.kinds.length && s.kinds.indexOf(e.kind) < 0) return false;
    if (s.polities.length && !any(e.polities, s.polities)) return false;
    if (s.sources.length && !any(e.sources, s.sources)) return false;
    if (s.hideUnreliable && e.low) return false;
    var terms = fold(strip(s.q)).split(/\s+/).filter(function (t) { return t; });
    return terms.every(function (t) { return e.search.indexOf(t) >= 0; });
  }

  /** What the view shows, in words (geo/cite.py view_words). */
  function viewWords(year, mode, n, title) {
    var span = mode === "around" ? (year - n) + "\u2013" + (year + n) : mode === "upto" ? "everything up to " + year : "" + year;
    return "the map of " + span + (title ? ", with \u201c" + title + "\u201d selected" : "");
  }

  /** Text escaped for a BibTeX field (geo/cite.py _bib). */
  function bib(s) { return s.replace(/([{}\\%&$#_^~])/g, "\\$1"); }

  var api = {parseLink: parseLink, stateFromLink: stateFromLink, linkPairs: linkPairs, search: search,
             applyStep: applyStep, addressPairs: addressPairs,
             windowBounds: windowBounds, fold: fold, matches: matches, noFilters: noFilters, viewWords: viewWords,
             bib: bib, parseView: parseView};
  if (root) root.siteState = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : null);
