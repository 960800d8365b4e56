// The Streamlit side of the atlas map: sends a selection made on the map to the page at once.
//
// streamlit-folium reports map clicks to Python 250 ms after the map last moved or was clicked (a
// debounce meant for panning). A selection is one click, so this hands streamlit-folium's pending
// value to Streamlit at once, just as streamlit-folium itself would 250 ms later, and records it as
// sent, so streamlit-folium then finds nothing new and sends nothing. A click that opened the list of
// overlapping events (no event chosen yet, {id: null}) is recorded as sent without sending: Python
// has nothing to do until the reader chooses. With anything else asked of the map than the clicked
// object and drawing, or another streamlit-folium, it does nothing and the debounced report stands.
//
// Only the app loads it (geo/livemap.py appends it to the drawing code it serves); a static page
// calling atlasInit does not need it.
(function (root) {
  "use strict";
  // the keys of streamlit-folium's returned value that hold nothing but what a click wrote, in its order
  var CLICK_KEYS = ["last_object_clicked", "last_active_drawing"];

  function flushClick(send) {
    var g = root.__GLOBAL_DATA__;
    if (!g || !Array.isArray(g.returned_objects) || !("previous_data" in g)) return false;
    if (g.returned_objects.some(function (k) { return CLICK_KEYS.indexOf(k) < 0; })) return false;
    var value = {};
    CLICK_KEYS.forEach(function (k) { if (g.returned_objects.indexOf(k) >= 0) value[k] = g[k]; });
    if (JSON.stringify(value) === JSON.stringify(g.previous_data)) return false;
    g.previous_data = value;
    if (send) {
      root.parent.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue", value: value,
                               dataType: "json"}, "*");
    }
    return true;
  }

  /** Report the selections made on the map of `atlas` (what atlasInit returned) to Streamlit at once. */
  function atlasStreamlit(atlas) {
    atlas.map.on("atlas:click", function (ev) {
      // after the click's other listeners (streamlit-folium's, which fill in its value) have run
      setTimeout(function () { root.atlasFlushed = flushClick(ev.id !== null || !!ev.polity); }, 0);
    });
    return atlas;
  }

  if (root) root.atlasStreamlit = atlasStreamlit;
})(typeof window !== "undefined" ? window : null);
