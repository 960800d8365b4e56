// The static site's panels (geo/site_page.js draws the rest): the detail panel of the selected event (the
// app's own HTML, fetched on the first selection), "Cite this view" (the app's templates, geo/cite.py), the
// sources page (geo/render.py source_html: the text with its passages marked, the chosen one highlighted and
// scrolled into view), the embed snippet, and in embed.html the way out to the full atlas.
(function () {
  "use strict";
  var site = window.site, S = window.siteState, cfg = site.cfg;
  var $ = function (id) { return document.getElementById(id); };
  var cache = {};

  /** Fetch a JSON file of the site once (the detail panels, the sources). */
  function load(key) {
    if (!cache[key]) {
      cache[key] = fetch(cfg.files[key]).then(function (r) {
        if (!r.ok) throw new Error(cfg.files[key] + ": HTTP " + r.status);
        return r.json();
      });
    }
    return cache[key];
  }

  /** The text of escaped HTML from the data (an inert document: nothing in it loads or runs). */
  function text(html) { return new DOMParser().parseFromString(html, "text/html").documentElement.textContent; }

  function title(id) { return id && site.byId[id] ? text(site.byId[id].title_html) : null; }

  // ------------------------------------------------------------------ the atlas page's side panel
  function detail(events) {
    var s = site.state, box = $("detail");
    $("count").textContent = events.length + " event(s) in view";
    $("clear").hidden = !s.event;
    $("outside").hidden = !s.event || events.some(function (e) { return e.id === s.event; });
    var e = s.event && site.byId[s.event];
    $("announce").textContent = e ? "Selected: " + title(s.event) + ", " + text(e.date_html) : "";
    if (!s.event) {
      box.innerHTML = '<p class="site-hint">Click an event on the map or in the list to see its sources here.</p>';
      box.removeAttribute("data-event");
      return;
    }
    if (box.getAttribute("data-event") === s.event) return;
    var want = s.event;
    load("details").then(function (d) {
      if (site.state.event !== want) return;  // another selection since
      box.innerHTML = d[want] || "";
      box.setAttribute("data-event", want);
    });
  }

  // "+N more sources" in a popup: the detail panel, in view and focused (atlasInit's detailSelector does it in
  // index.html); in embed.html, the full atlas in a new tab.
  site.onPopup = function (popup) {
    if (!site.embed) return;
    var more = popup.getElement() && popup.getElement().querySelector(".atlas-more");
    if (more) {
      more.setAttribute("href", fullAtlas());
      more.setAttribute("target", "_blank");
      more.setAttribute("rel", "noopener");
      L.DomEvent.on(more, "click", function (ev) { ev.stopPropagation(); window.open(fullAtlas(), "_blank", "noopener"); });
    }
  };

  function fullAtlas() {
    var pairs = S.linkPairs(Object.assign({}, site.state, {page: "atlas", view: currentView()}));
    return "index.html" + S.search(pairs);
  }

  function currentView() {
    if (!site.map) return null;
    var c = site.map.getCenter();
    return c.lat.toFixed(3) + "," + c.lng.toFixed(3) + "," + site.map.getZoom();
  }

  // ------------------------------------------------------------------ "Cite this view" (components/cite.py)
  function today() {
    var now = new Date(), two = function (n) { return String(n).padStart(2, "0"); };
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function citeFill() {
    var s = site.state, T = cfg.cite.tokens, day = today();
    var words = S.viewWords(s.year, s.window, s.n, title(s.event));
    var put = function (t, view) {
      return t.split(T.view).join(view).split(T.url).join(location.href).split(T.accessedKey)
        .join(day.replace(/-/g, "")).split(T.accessed).join(day);
    };
    $("cite-text").textContent = put(cfg.cite.text, words);
    $("cite-bibtex").textContent = put(cfg.cite.bibtex, S.bib(words.charAt(0).toUpperCase() + words.slice(1)));
  }

  function wireCite() {
    var box = $("cite");
    if (!box) return;
    box.addEventListener("toggle", function () { if (box.open) citeFill(); });
    box.querySelectorAll("[data-copy]").forEach(function (b) {
      b.addEventListener("click", function () { copy($("cite-" + b.getAttribute("data-copy")), $("cite-done"), citeFill); });
    });
  }

  function copy(el, done, refill) {
    if (refill) refill();  // the address as it is now
    var text = el.textContent || el.value, ok = function (yes) {
      done.textContent = yes ? "Copied." : "Select the text and copy it.";
      site.lastCopied = text;
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { ok(true); }, function () { ok(false); });
    } else { ok(false); }
  }

  // ------------------------------------------------------------------ "Embed this map"
  function embedSnippet() {
    var box = $("embed-code");
    if (!box) return;
    var s = site.state, pairs = S.linkPairs(Object.assign({}, s, {page: "atlas", view: null}));
    var src = new URL("embed.html" + S.search(pairs), location.href).href;
    box.value = '<iframe src="' + src.replace(/&/g, "&amp;").replace(/"/g, "&quot;") + '" width="100%" height="560" ' +
      'style="border:0" loading="lazy" title="Map: Byzantine\u2013Mongol relations, 1242\u20131341"></iframe>';
    var open = $("embed-open");
    if (open) open.href = src;
  }

  // ------------------------------------------------------------------ the sources page (components/sources_page.py)
  function sources() {
    var box = $("sources-body");
    load("sources").then(function (D) {
      var s = site.state;
      if (!D.order.length) { box.innerHTML = "<p>No source texts.</p>"; return; }
      if (D.order.indexOf(s.source) < 0) s.source = D.order[0];
      var src = D.sources[s.source], select = $("source-select");
      if (!select.options.length) {
        select.innerHTML = D.order.map(function (id) {
          return '<option value="' + site.esc(id) + '">' + D.sources[id].title_html + "</option>";
        }).join("");
        $("catalogue").innerHTML = D.catalogue_html;
      }
      select.value = s.source;
      $("source-reference").innerHTML = src.reference_html;
      $("source-warn").hidden = !src.low;
      box.innerHTML = src.text_html + '<h3>Passages and their events</h3>' + src.passages_html;
      var n = s.event !== null && s.cite !== null ? src.spans[s.event + "|" + s.cite] : undefined;
      if (n === undefined) return;
      var mark = box.querySelector('mark[data-span="' + n + '"]');
      box.querySelectorAll(".site-passages li").forEach(function (li) {
        if ((" " + li.getAttribute("data-spans") + " ").indexOf(" " + n + " ") >= 0) li.classList.add("active");
      });
      if (!mark) return;
      mark.id = "atlas-active-quote";
      mark.classList.add("active");
      mark.scrollIntoView({block: "center"});
      mark.setAttribute("data-scrolled", "1");
    }).catch(function (err) { box.textContent = "The source texts could not be loaded (" + err + ")."; });
  }

  function wireSources() {
    var select = $("source-select");
    if (!select) return;
    select.addEventListener("change", function () { site.state.source = select.value; site.render(false); });
  }

  // ------------------------------------------------------------------ links in the panels
  // The detail panel's links (geo/detail.py PanelLinks: "?event=…", "?page=sources&…") and the passages' links on
  // the sources page are followed in the page, over the reader's state: an event is selected (the year moves only
  // when it is out of view, as the app's PanelLinks do), a passage opens the sources page; the year, the filters
  // and the map's view stay. A new history entry each, as a followed link makes; a new tab still follows the link.
  function follow(ev) {
    var a = ev.target.closest('a[href^="?"]');
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    var g = S.parseLink(Array.from(new URLSearchParams(a.getAttribute("href")).entries()), site.C).given;
    var s = site.state;
    if (g.page === "sources") {
      s.page = "sources";
      s.source = g.source || null;
      s.event = g.event || s.event;
      s.cite = typeof g.cite === "number" ? g.cite : null;
      site.render(true);
    } else if (g.event) {
      s.page = "atlas";
      site.select(g.event, true, true);
    }
  }

  site.load = load;
  site.panels = {
    atlas: function (events) {
      if ($("detail")) detail(events);
      if ($("cite") && $("cite").open) citeFill();
      embedSnippet();
      if ($("full-atlas")) $("full-atlas").href = fullAtlas();
    },
    sources: sources
  };
  ["detail", "sources-body"].forEach(function (id) { if ($(id)) $(id).addEventListener("click", follow); });
  if ($("clear")) $("clear").addEventListener("click", function () { site.select(null); });
  if ($("embed-copy")) $("embed-copy").addEventListener("click", function () { copy($("embed-code"), $("embed-done")); });
  wireCite();
  wireSources();
})();
