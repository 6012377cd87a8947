// The event page's small map: the place with its precision drawn as the circle's size.
"use strict";
(function () {
  const box = document.getElementById("eventmap");
  if (!box || !box.dataset.lat) {
    if (box) box.textContent = "No coordinates for this place.";
    return;
  }
  const lat = parseFloat(box.dataset.lat);
  const lon = parseFloat(box.dataset.lon);
  const precision = parseInt(box.dataset.precision || "0", 10);
  const map = SitrepMap.baseMap(box, { zoomControl: true });
  map.setView([lat, lon], precision >= 3 ? 5 : 6);
  if (precision >= 2) {
    // the event happened somewhere around here: 5 km near a place, 100 km in a region
    L.circle([lat, lon], { radius: precision >= 3 ? 100000 : 5000, color: "#b33", dashArray: "4 4", fillOpacity: 0.08 }).addTo(map);
  }
  const label = document.createElement("span");
  label.textContent = (box.dataset.label || "") + " (precision " + (precision || "?") + ")";
  L.circleMarker([lat, lon], { radius: 7, color: "#222", weight: 1, fillColor: "#b33", fillOpacity: 0.9, className: "event-marker" })
    .bindTooltip(label, { permanent: true, direction: "right" })
    .addTo(map);
})();
