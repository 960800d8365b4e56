// The map's data as it arrives, in parts (geo/parts.py), with indexes by year.
//
//   var store = atlasParts.store({spans: [[1000, 1239], [1240, 1249], ...], base: url, years: [url, ...],
//                                 details: [url, ...]});
//   store.ensure(lo, hi, year).then(...)      // base, and the parts of the years [lo, hi] and of `year`
//   store.polities(year), store.events(lo, hi)   // what those years show, from the indexes
//
// A part is fetched once (a promise per URL); what it holds is merged by id, since an item that spans
// several decades is in the part of each. Popups and tooltips come in `details` parts, after the
// drawing; `store.onDetails` hears of each one. The whole bundle in one file (options.bundleUrl of
// geo/atlas_layers.js) is merged the same way, as a part that holds everything.
//
// Years index: each polity and event is listed under every year it touches (within the slider's
// years), so a year or a window of a few decades is a union of short lists; a window reaching back to
// the first year ("up to") is a prefix of the events sorted by start. No step scans all the data.
(function (root) {
  "use strict";

  /** Index of the span that holds year y in `spans` (sorted [first, last] pairs), clamped to the ends. */
  function spanIndex(spans, y) {
    var lo = 0, hi = spans.length - 1;
    if (y <= spans[0][1]) return 0;
    if (y >= spans[hi][0]) return hi;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (spans[mid][1] < y) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Indexes of the spans the years [lo, hi] touch. */
  function spansOf(spans, lo, hi) {
    var out = [];
    for (var i = spanIndex(spans, lo); i <= spanIndex(spans, hi); i++) out.push(i);
    return out;
  }

  //: A window wider than this many years is read from the start-sorted list, not the year lists.
  var WIDE = 60;

  function Store(manifest) {
    this.manifest = manifest;
    this.spans = manifest.spans || [[-Infinity, Infinity]];
    this.data = {geoms: {}, polities: [], events: [], labels: null, land: null, rivers: null};
    this.byId = {};
    this.polById = {};
    this.popups = {};
    this.tooltips = {};
    this.evByYear = {};
    this.polByYear = {};
    this.sorted = null;  // events by start, made again after a part brings events
    this.fetched = {};  // url -> promise of the merged part
    this.done = {};  // url -> true once merged
    this.onDetails = null;
    // the years the indexes cover: the spans' own (a single bundle: the years any atlas can have)
    this.firstYear = isFinite(this.spans[0][0]) ? this.spans[0][0] : 1000;
    this.lastYear = isFinite(this.spans[this.spans.length - 1][1]) ? this.spans[this.spans.length - 1][1] : 1400;
  }

  function listUnder(index, item, first, last) {
    for (var y = Math.max(item.start, first); y <= Math.min(item.end, last); y++) (index[y] = index[y] || []).push(item);
  }

  /** Merge one part (or a whole bundle) into the store. */
  Store.prototype.merge = function (part) {
    var self = this, d = this.data, first = this.firstYear, last = this.lastYear;
    if (part.land) d.land = part.land;
    if (part.rivers) d.rivers = part.rivers;
    if (part.labels) d.labels = part.labels;
    var geoms = part.geoms || {};
    Object.keys(geoms).forEach(function (k) { d.geoms[k] = geoms[k]; });
    (part.polities || []).forEach(function (p) {
      if (self.polById[p.id]) return;
      self.polById[p.id] = p;
      d.polities.push(p);
      listUnder(self.polByYear, p, first, last);
    });
    (part.events || []).forEach(function (e) {
      if (self.byId[e.id]) return;
      self.byId[e.id] = e;
      d.events.push(e);
      listUnder(self.evByYear, e, first, last);
      if (e.popup_html !== undefined) self.popups[e.id] = e.popup_html;
      if (e.tooltip_html !== undefined) self.tooltips[e.id] = e.tooltip_html;
      self.sorted = null;
    });
    var fresh = [];
    ["popup_html", "tooltip_html"].forEach(function (key) {
      var got = part[key] || {}, into = key === "popup_html" ? self.popups : self.tooltips;
      Object.keys(got).forEach(function (id) { if (into[id] === undefined) { into[id] = got[id]; fresh.push(id); } });
    });
    if (fresh.length && this.onDetails) this.onDetails(fresh);
  };

  /** Fetch and merge the part at `url` once; the same promise for every later call. */
  Store.prototype.load = function (url) {
    var self = this;
    if (!url) return Promise.resolve();
    if (!this.fetched[url]) {
      this.fetched[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error("atlas part " + url.split("/").pop() + ": HTTP " + r.status);
        return r.json();
      }).then(function (part) { self.merge(part); self.done[url] = true; });
      this.fetched[url].catch(function () { delete self.fetched[url]; });  // a later step may try again
    }
    return this.fetched[url];
  };

  /** True when the base and the parts of years [lo, hi] and `year` are merged. */
  Store.prototype.has = function (lo, hi, year) {
    var m = this.manifest, self = this;
    if (m.bundleUrl) return !!this.done[m.bundleUrl];
    return !!this.done[m.base] && spansOf(this.spans, Math.min(lo, year), Math.max(hi, year))
      .every(function (i) { return !!self.done[m.years[i]]; });
  };

  /** Fetch (once) the base and the parts of years [lo, hi] and of `year`; resolves when all are merged. */
  Store.prototype.ensure = function (lo, hi, year) {
    var m = this.manifest, self = this;
    var urls = m.bundleUrl ? [m.bundleUrl] : [m.base].concat(spansOf(this.spans, Math.min(lo, year), Math.max(hi, year))
      .map(function (i) { return m.years[i]; }));
    return Promise.all(urls.map(function (u) { return self.load(u); }));
  };

  /** Fetch the details of the spans around `year` first, then every other part, one after the other. */
  Store.prototype.prefetch = function (year) {
    var m = this.manifest, self = this;
    if (m.bundleUrl) return Promise.resolve();
    var here = spanIndex(this.spans, year);
    var order = this.spans.map(function (_, i) { return i; })
      .sort(function (a, b) { return Math.abs(a - here) - Math.abs(b - here) || a - b; });
    var urls = order.map(function (i) { return m.details[i]; }).concat(order.map(function (i) { return m.years[i]; }));
    return urls.reduce(function (p, u) { return p.then(function () { return self.load(u); }); }, Promise.resolve());
  };

  /** The details part that holds the popup of event `id` (the span of its start). */
  Store.prototype.detailsOf = function (id) {
    var e = this.byId[id];
    if (!e || this.manifest.bundleUrl) return Promise.resolve();
    return this.load(this.manifest.details[spanIndex(this.spans, e.start)]);
  };

  /** Polity periods drawn in `year` (shownIn of geo/atlas_layers.js, from the index). */
  Store.prototype.polities = function (year) {
    return (this.polByYear[year] || []).slice();
  };

  /** Events whose years touch [lo, hi] (inWindow of geo/atlas_layers.js, from the indexes), by start. */
  Store.prototype.events = function (lo, hi) {
    var out = [];
    if (hi - lo > WIDE) {
      if (!this.sorted) this.sorted = this.data.events.slice().sort(function (a, b) { return a.start - b.start; });
      for (var i = 0; i < this.sorted.length && this.sorted[i].start <= hi; i++) {
        if (this.sorted[i].end >= lo) out.push(this.sorted[i]);
      }
      return out;
    }
    var seen = {};
    for (var y = lo; y <= hi; y++) {
      (this.evByYear[y] || []).forEach(function (e) { if (!seen[e.id]) { seen[e.id] = true; out.push(e); } });
    }
    // beyond the indexed years (the spans' own ends): few events, found by looking at all of them
    if (lo < this.firstYear || hi > this.lastYear) {
      this.data.events.forEach(function (e) {
        if (!seen[e.id] && e.start <= hi && e.end >= lo) { seen[e.id] = true; out.push(e); }
      });
    }
    return out;
  };

  function store(manifest) { return new Store(manifest); }

  var api = {store: store, spanIndex: spanIndex, spansOf: spansOf};
  if (root) root.atlasParts = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : null);
