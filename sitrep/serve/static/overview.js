// The overview: markers or server-side cells on the map, the brushable timeline, and a form
// whose fields are the URL's query parameters (so any view can be bookmarked and shared).
"use strict";
(function () {
  const form = document.getElementById("filters");
  const query = window.location.search.replace(/^\?/, "");
  const params = new URLSearchParams(query);

  // Keep the URL clean: empty fields are left out; a changed picker applies at once.
  form.addEventListener("submit", () => {
    for (const el of form.elements) {
      if (el.name && el.value === "") el.disabled = true;
    }
  });
  for (const el of form.querySelectorAll("select")) {
    el.addEventListener("change", () => form.requestSubmit());
  }

  function submitWith(changes) {
    for (const [name, value] of Object.entries(changes)) {
      const el = form.elements.namedItem(name);
      if (el) el.value = value;
    }
    form.requestSubmit();
  }

  // ------------------------------------------------------------------ map
  const mapBox = document.getElementById("map");
  const map = SitrepMap.baseMap(mapBox);
  map.setView([20, 20], 2);
  let layer = null;
  let mode = null;
  let fitted = false;

  function cellIcon(cell) {
    return SitrepMap.countIcon(cell.n, cell.type);
  }

  function draw(data) {
    if (layer) map.removeLayer(layer);
    mode = data.mode;
    if (data.mode === "points") {
      layer = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false,
        iconCreateFunction: SitrepMap.clusterIcon });
      const bounds = [];
      for (const p of data.points) {
        const marker = SitrepMap.eventMarker(p).bindPopup(SitrepMap.popup(p));
        layer.addLayer(marker);
        bounds.push([p.lat, p.lon]);
      }
      if (!fitted && bounds.length) {
        map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 });
        fitted = true;
      }
    } else {
      layer = L.layerGroup();
      for (const c of data.cells) {
        const marker = L.marker([c.lat, c.lon], { icon: cellIcon(c), title: c.n + " events" });
        marker.on("click", () => map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, 12)));
        layer.addLayer(marker);
      }
    }
    layer.addTo(map);
    mapBox.dataset.mode = data.mode;
    mapBox.dataset.rendered = String(data.located);
  }

  function load() {
    const q = new URLSearchParams(query);
    q.set("zoom", String(map.getZoom()));
    fetch("/api/map?" + q.toString())
      .then((r) => r.json())
      .then(draw);
  }
  map.on("zoomend", () => { if (mode === "cells") load(); });
  load();

  // ------------------------------------------------------------------ timeline
  const svg = document.getElementById("timeline");
  const NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, text) {
    const node = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function drawTimeline(data) {
    document.getElementById("timeline-unit").textContent = data.bins.length ? "events per " + data.unit : "no dated events";
    const width = svg.clientWidth || 800;
    const height = 120, top = 18, bottom = 20; // the top strip holds the legend
    const bins = data.bins;
    if (!bins.length) return;
    const maxEvents = Math.max(1, ...bins.map((b) => b.events));
    const maxKilled = Math.max(1, ...bins.map((b) => b.killed));
    const w = width / bins.length;
    const since = params.get("since"), until = params.get("until");
    const step = data.unit === "week" ? 7 : 1;
    const group = el("g", {});
    let line = "";
    bins.forEach((b, i) => {
      const h = (height - top - bottom) * b.events / maxEvents;
      const binEnd = new Date(Date.parse(b.start) + (step - 1) * 86400000).toISOString().slice(0, 10);
      const inRange = (!since || binEnd >= since) && (!until || b.start <= until);
      const rect = el("rect", { x: i * w + 0.5, y: height - bottom - h, width: Math.max(1, w - 1), height: h,
        class: inRange ? "bar in-range" : "bar" });
      rect.appendChild(el("title", {}, b.start + ": " + b.events + " events, " + b.killed + " killed"));
      group.appendChild(rect);
      const y = height - bottom - (height - top - bottom) * b.killed / maxKilled;
      line += (i ? " L" : "M") + (i * w + w / 2).toFixed(1) + " " + y.toFixed(1);
    });
    svg.appendChild(group);
    svg.appendChild(el("path", { d: line, class: "killed-line" }));
    // A tick and label at each new year (or month, on a span of days), where there is room.
    let lastLabel = -Infinity;
    bins.forEach((b, i) => {
      const key = data.unit === "week" ? b.start.slice(0, 4) : b.start.slice(0, 7);
      if (i === 0 || key === bins[i - 1].start.slice(0, key.length)) return;
      const x = i * w;
      svg.appendChild(el("line", { x1: x, x2: x, y1: height - bottom, y2: height - bottom + 4, class: "tick" }));
      if (x - lastLabel > 44 && x > 80 && x < width - 80) {
        svg.appendChild(el("text", { x: x, y: height - 4, class: "axis mid" }, key));
        lastLabel = x;
      }
    });
    svg.appendChild(el("text", { x: 2, y: height - 4, class: "axis" }, bins[0].start));
    svg.appendChild(el("text", { x: width - 2, y: height - 4, class: "axis end" }, bins[bins.length - 1].start));
    svg.appendChild(el("text", { x: width - 2, y: 12, class: "axis end" }, "bars: events (max " + maxEvents + ") · line: killed (max " + maxKilled + ")"));

    // Brushing: drag across bars, release to filter every part of the page by that range.
    const brush = el("rect", { x: 0, y: 0, width: 0, height: height - bottom, class: "brush" });
    svg.appendChild(brush);
    let from = null;
    const binAt = (evt) => {
      const box = svg.getBoundingClientRect();
      return Math.max(0, Math.min(bins.length - 1, Math.floor((evt.clientX - box.left) / w)));
    };
    svg.addEventListener("mousedown", (evt) => { from = binAt(evt); evt.preventDefault(); });
    svg.addEventListener("mousemove", (evt) => {
      if (from === null) return;
      const to = binAt(evt);
      brush.setAttribute("x", String(Math.min(from, to) * w));
      brush.setAttribute("width", String((Math.abs(to - from) + 1) * w));
    });
    window.addEventListener("mouseup", (evt) => {
      if (from === null) return;
      const to = binAt(evt);
      const a = bins[Math.min(from, to)].start;
      const last = bins[Math.max(from, to)].start;
      const b = new Date(Date.parse(last) + (step - 1) * 86400000).toISOString().slice(0, 10);
      from = null;
      submitWith({ since: a, until: b });
    });
  }

  fetch("/api/timeline?" + query)
    .then((r) => r.json())
    .then(drawTimeline);
})();
