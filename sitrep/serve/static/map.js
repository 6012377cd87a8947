// Shared map helpers: type colours, the packaged country outlines, no tile server.
"use strict";
(function () {
  const COLOURS = {
    "Battles": "#d55e00",
    "Explosions/Remote violence": "#cc79a7",
    "Violence against civilians": "#000000",
    "Protests": "#0072b2",
    "Riots": "#e69f00",
    "Strategic developments": "#009e73",
  };

  function colour(type) {
    return COLOURS[type] || "#888888";
  }

  // A Leaflet map with the country outlines as its only background layer.
  function baseMap(element, options) {
    const map = L.map(element, Object.assign({ worldCopyJump: true, minZoom: 1, maxZoom: 12 }, options || {}));
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth (public domain), world-atlas");
    fetch("/static/app/world/countries.geojson")
      .then((r) => r.json())
      .then((data) => {
        const layer = L.geoJSON(data, {
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

  window.SitrepMap = { colour, baseMap, eventMarker, popup };
})();
