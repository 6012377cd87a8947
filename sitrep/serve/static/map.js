// Shared map helpers: type colours, the packaged country outlines, no tile server.
"use strict";
(function () {
  // The colours are the server's (sitrep.serve.app.TYPE_COLOURS), given once in the page.
  const COLOURS = JSON.parse(document.getElementById("type-colours").textContent);

  function colour(type) {
    return COLOURS[type] || "#888888";
  }

  // A ring that crosses the antimeridian (Russia's Chukotka, Fiji) jumps from +180 to -180 and
  // would be drawn as a band across the whole map: carry its longitudes on past 180 instead.
  // A ring round a pole (Antarctica) cannot be carried on like that and is left as it is.
  function unwrapRing(ring) {
    const out = [ring[0]];
    let shift = 0;
    for (let i = 1; i < ring.length; i++) {
      const prev = out[i - 1][0];
      let lon = ring[i][0] + shift;
      if (lon - prev > 180) { shift -= 360; lon -= 360; }
      else if (prev - lon > 180) { shift += 360; lon += 360; }
      out.push([lon, ring[i][1]]);
    }
    return Math.abs(out[out.length - 1][0] - out[0][0]) > 180 ? ring : out;
  }

  function unwrap(data) {
    for (const f of data.features) {
      const g = f.geometry;
      if (!g) continue;
      if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
      else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((p) => p.map(unwrapRing));
    }
    return data;
  }

  // A Leaflet map with the country outlines as its only background layer.
  function baseMap(element, options) {
    const map = L.map(element, Object.assign({ worldCopyJump: true, minZoom: 1, maxZoom: 12 }, options || {}));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth (public domain), world-atlas");
    fetch("/static/app/world/countries.geojson")
      .then((r) => r.json())
      .then((data) => {
        const layer = L.geoJSON(unwrap(data), {
          style: { color: "#8a8f98", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
          interactive: false,
        });
        layer.addTo(map);
        layer.bringToBack();
      });
    return map;
  }

  // A circle for one event: colour by type, size by fatalities, dashed when the place is
  // only approximate (precision 2 or 3).
  function eventMarker(p) {
    const killed = p.killed || 0;
    return L.circleMarker([p.lat, p.lon], {
      radius: 5 + Math.min(20, 2.2 * Math.sqrt(killed)),
      color: "#222222",
      weight: 1,
      dashArray: p.precision && p.precision > 1 ? "3 3" : null,
      fillColor: colour(p.type),
      fillOpacity: 0.8,
      className: "event-marker",
      eventType: p.type,
    });
  }

  // Popup content built from DOM nodes: every field is text, never HTML.
  function popup(p) {
    const box = document.createElement("div");
    const link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(p.id);
    link.textContent = (p.sub_type || p.type || "event") + " · " + (p.start || "date unknown");
    box.appendChild(link);
    const line = document.createElement("div");
    line.textContent = (p.place || "?") + " · killed " + (p.killed === null ? "?" : p.killed) +
      " · precision " + (p.precision || "?");
    box.appendChild(line);
    return box;
  }

  // A cluster of event markers: neutral, so that its colour is never read as an event type,
  // with a ring in the colour of its commonest type.
  function clusterIcon(cluster) {
    const counts = {};
    for (const m of cluster.getAllChildMarkers()) {
      const t = m.options.eventType || "";
      counts[t] = (counts[t] || 0) + 1;
    }
    const top = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || (a < b ? -1 : 1))[0];
    return countIcon(cluster.getChildCount(), top);
  }

  function countIcon(n, type) {
    const span = document.createElement("span");
    span.textContent = String(n);
    span.style.borderColor = colour(type);
    const size = 24 + Math.min(30, 4 * Math.log2(n));
    return L.divIcon({ html: span, className: "cell-marker", iconSize: [size, size] });
  }

  window.SitrepMap = { colour, baseMap, eventMarker, popup, clusterIcon, countIcon };
})();
