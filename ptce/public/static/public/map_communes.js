/* The communes on the map of poles (public/map.js), offline: from zoom 9 the outlines of the
 * communes of the départements in view, from zoom 10 their names.
 *
 * One static file per département (ptce/territories/static/territories/communes/, built by
 * scripts/territories/build_commune_outlines.py): data-ptce-map-commune-outlines on the map
 * gives {département code: URL}. A file is fetched the first time its département comes into
 * view, once per page (and cached by the browser like any static file); nothing is fetched at
 * the national view. Zoomed out again, only the départements' outlines remain.
 *
 * The names are not all drawn (a département has up to 900 communes): after each move, the
 * communes whose label point is in view are taken by population, biggest first, and a name is
 * placed only where it does not overlap one already placed, at most MAX_NAMES. Only the names
 * that change are added or removed.
 *
 * Both layers sit in their own panes under the markers, let clicks through (CSS) and are hidden
 * from screen readers (aria-hidden): the markers and the list stay what keyboard and screen
 * reader users reach. The outlines are drawn on a canvas (thousands of paths), so their colours
 * are options here rather than classes of public/map.css; no inline style or script (CSP).
 *
 * The map sets data-ptce-map-communes (codes of the départements drawn, in loading order) and
 * data-ptce-map-commune-names (names shown) for tests.
 */
(function () {
  "use strict";

  var OUTLINES_ZOOM = 9;
  var NAMES_ZOOM = 10;
  var MAX_NAMES = 300;
  // A name's box in pixels at the labels' font size (public/map.css): wide enough that two
  // names never touch.
  var CHAR_WIDTH = 6.5;
  var LINE_HEIGHT = 15;
  var OUTLINE_STYLE = { color: "#b8b8b8", weight: 0.7, opacity: 1, fill: false };

  // The area and area-weighted centroid of a ring of [longitude, latitude] points.
  function ringCentroid(ring) {
    var x0 = ring[0][0], y0 = ring[0][1];
    var area = 0, x = 0, y = 0;
    for (var i = 0; i < ring.length - 1; i++) {
      var ax = ring[i][0] - x0, ay = ring[i][1] - y0;
      var bx = ring[i + 1][0] - x0, by = ring[i + 1][1] - y0;
      var cross = ax * by - bx * ay;
      area += cross;
      x += (ax + bx) * cross;
      y += (ay + by) * cross;
    }
    if (!area) return { area: 0, lon: x0, lat: y0 };
    return { area: Math.abs(area / 2), lon: x0 + x / (3 * area), lat: y0 + y / (3 * area) };
  }

  // Where a commune's name goes: the centroid of its largest polygon.
  function labelPoint(geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var best = null;
    polygons.forEach(function (polygon) {
      var centroid = ringCentroid(polygon[0]);
      if (!best || centroid.area > best.area) best = centroid;
    });
    return best;
  }

  function byImportance(a, b) {
    return b.pop - a.pop || b.area - a.area;
  }

  function overlaps(box, boxes) {
    for (var i = 0; i < boxes.length; i++) {
      var other = boxes[i];
      if (box[0] < other[2] && other[0] < box[2] && box[1] < other[3] && other[1] < box[3]) return true;
    }
    return false;
  }

  function pane(map, name, zIndexClass) {
    var element = map.createPane(name);
    element.classList.add(zIndexClass);
    element.setAttribute("aria-hidden", "true");
    return name;
  }

  function Communes(map, element, departements, urls) {
    this.map = map;
    this.element = element;
    this.departements = departements;
    this.urls = urls;
    this.asked = {}; // département code: true once its file is asked for
    this.loaded = [];
    this.layers = {}; // département code: its communes' outlines
    this.communes = []; // every commune loaded: {code, name, pop, area, latLng}, biggest first
    this.shown = {}; // code: the marker of its name
    this.renderer = L.canvas({ pane: pane(map, "ptce-communes", "ptce-map-communes-pane") });
    this.namesPane = pane(map, "ptce-commune-names", "ptce-map-commune-names-pane");
    this.outlines = L.layerGroup();
    this.names = L.layerGroup();
    map.on("moveend", this.update, this);
    this.update();
  }

  Communes.prototype.update = function () {
    var zoomedIn = this.map.getZoom() >= OUTLINES_ZOOM;
    // The départements' outlines, bolder among the communes' (public/map.css).
    this.element.classList.toggle("ptce-map-canvas--communes", zoomedIn);
    if (!zoomedIn) {
      this.map.removeLayer(this.outlines);
      this.map.removeLayer(this.names);
      return;
    }
    this.outlines.addTo(this.map);
    this.names.addTo(this.map);
    this.attachInView();
    this.loadInView();
    this.label();
  };

  // Only the départements in view stay on the canvas, which redraws them after every move.
  Communes.prototype.attachInView = function () {
    var view = this.map.getBounds();
    for (var code in this.layers) {
      var layer = this.layers[code];
      if (view.intersects(layer.getBounds())) this.outlines.addLayer(layer);
      else this.outlines.removeLayer(layer);
    }
  };

  Communes.prototype.loadInView = function () {
    var self = this;
    var view = this.map.getBounds();
    this.departements.eachLayer(function (layer) {
      var code = layer.feature && layer.feature.properties.code;
      var url = self.urls[code];
      if (!url || self.asked[code] || !view.intersects(layer.getBounds())) return;
      self.asked[code] = true;
      fetch(url)
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) { self.add(code, data); })
        .catch(function () { self.asked[code] = false; });
    });
  };

  Communes.prototype.add = function (code, data) {
    var communes = this.communes;
    this.layers[code] = L.geoJSON(data, { renderer: this.renderer, interactive: false, style: OUTLINE_STYLE });
    this.attachInView();
    data.features.forEach(function (feature) {
      if (!feature.geometry) return;
      var point = labelPoint(feature.geometry);
      communes.push({
        code: feature.properties.code,
        name: feature.properties.nom,
        pop: feature.properties.pop || 0,
        area: point.area,
        latLng: L.latLng(point.lat, point.lon),
      });
    });
    communes.sort(byImportance);
    this.loaded.push(code);
    this.element.setAttribute("data-ptce-map-communes", this.loaded.join(" "));
    if (this.map.getZoom() >= OUTLINES_ZOOM) this.label();
  };

  // The names to show in the current view: biggest first, none overlapping another.
  Communes.prototype.chosen = function () {
    var map = this.map;
    var view = map.getBounds();
    var boxes = [];
    var chosen = {};
    for (var i = 0; i < this.communes.length && boxes.length < MAX_NAMES; i++) {
      var commune = this.communes[i];
      if (!view.contains(commune.latLng)) continue;
      var p = map.latLngToContainerPoint(commune.latLng);
      var half = (commune.name.length * CHAR_WIDTH) / 2 + 2;
      var box = [p.x - half, p.y - LINE_HEIGHT / 2, p.x + half, p.y + LINE_HEIGHT / 2];
      if (overlaps(box, boxes)) continue;
      boxes.push(box);
      chosen[commune.code] = commune;
    }
    return chosen;
  };

  Communes.prototype.label = function () {
    var chosen = this.map.getZoom() >= NAMES_ZOOM ? this.chosen() : {};
    var shown = this.shown;
    var names = this.names;
    Object.keys(shown).forEach(function (code) {
      if (chosen[code]) return;
      names.removeLayer(shown[code]);
      delete shown[code];
    });
    var count = 0;
    for (var code in chosen) {
      count++;
      if (shown[code]) continue;
      var text = document.createElement("span");
      text.textContent = chosen[code].name;
      shown[code] = L.marker(chosen[code].latLng, {
        icon: L.divIcon({ className: "ptce-map-commune-name", html: text, iconSize: null }),
        pane: this.namesPane,
        interactive: false,
        keyboard: false,
      }).addTo(names);
    }
    this.element.setAttribute("data-ptce-map-commune-names", String(count));
  };

  // Called by public/map.js once the départements' outlines are drawn.
  window.ptceMapCommunes = function (map, element, departements) {
    var urls = JSON.parse(element.getAttribute("data-ptce-map-commune-outlines") || "null");
    if (urls) return new Communes(map, element, departements, urls);
    return null;
  };
})();
