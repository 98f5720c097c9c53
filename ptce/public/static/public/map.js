/* The map of poles (/carte/ and /carte/embed/): Leaflet + Leaflet.markercluster, vendored.
 *
 * Hooks (set by the templates public/includes/map_*.html):
 *   [data-ptce-map]            the map; data-ptce-map-data: the JSON of the markers (same query
 *                              string as the page), -outlines: the départements' GeoJSON,
 *                              -bounds: the initial view, -tiles (+ -tiles-attribution): an
 *                              optional tile layer, -link-target: target of the popups' links.
 *   [data-ptce-map-territories] the buttons that zoom to a territory (data-ptce-map-bounds).
 *   [data-ptce-map-filters]    the GET filter form: submitted without reloading the page.
 *   [data-ptce-map-results]    the list of poles, replaced when the filters change.
 * The map sets data-ptce-map-count (markers placed) once the markers are loaded, and
 * data-ptce-map-error when the data could not be loaded.
 * No inline script or style anywhere (CSP): styles are classes from public/map.css.
 */
(function () {
  "use strict";

  function bounds(text) {
    var p = text.split(",").map(Number);
    return L.latLngBounds([p[0], p[1]], [p[2], p[3]]);
  }

  function withoutQuery(url) {
    return url.split("?")[0];
  }

  var ClusterIcon = L.DivIcon.extend({
    createIcon: function (oldIcon) {
      var icon = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      icon.setAttribute("aria-label", this.options.label);
      icon.title = this.options.label;
      return icon;
    },
  });

  function clusterIcon(cluster) {
    var count = cluster.getChildCount();
    var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
    var inner = document.createElement("div");
    var text = document.createElement("span");
    text.textContent = String(count);
    inner.appendChild(text);
    return new ClusterIcon({
      html: inner,
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40),
      label: count + " pôles : zoomer sur ce groupe",
    });
  }

  function popup(pole, target) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    var link = document.createElement("a");
    link.href = pole.url;
    link.textContent = pole.name;
    if (target) {
      link.target = target;
      link.rel = "noopener";
      link.title = pole.name + " (nouvelle fenêtre)";
    }
    title.appendChild(link);
    box.appendChild(title);
    if (typeof pole.distance_km === "number") {
      var distance = document.createElement("p");
      distance.textContent = "à " + Math.round(pole.distance_km) + "\u00a0km";
      box.appendChild(distance);
    }
    var details = [pole.region].concat(pole.sectors || []).filter(Boolean);
    if (details.length) {
      var line = document.createElement("p");
      line.textContent = details.join(" · ");
      box.appendChild(line);
    }
    return box;
  }

  function PoleMap(element) {
    this.element = element;
    this.target = element.getAttribute("data-ptce-map-link-target");
    var notice = element.querySelector("[data-ptce-map-notice]");
    if (notice) notice.remove();
    this.home = bounds(element.getAttribute("data-ptce-map-bounds"));
    this.map = L.map(element, { zoomSnap: 0.5, minZoom: 2, maxZoom: 18 });
    this.map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    this.map.fitBounds(this.home);
    // The zoom, for tests and styles (e.g. the places shown from a given zoom).
    this.map.on("zoomend", function () {
      element.setAttribute("data-ptce-map-zoom", String(this.getZoom()));
    });
    element.setAttribute("data-ptce-map-zoom", String(this.map.getZoom()));
    var tiles = element.getAttribute("data-ptce-map-tiles");
    if (tiles) {
      L.tileLayer(tiles, {
        attribution: element.getAttribute("data-ptce-map-tiles-attribution") || "",
        maxZoom: 18,
      }).addTo(this.map);
    }
    this.outlines(element.getAttribute("data-ptce-map-outlines"), Boolean(tiles));
    this.cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50, iconCreateFunction: clusterIcon });
    this.map.addLayer(this.cluster);
    this.load(element.getAttribute("data-ptce-map-data"), true);
  }

  PoleMap.prototype.outlines = function (url, overTiles) {
    var map = this.map;
    fetch(url)
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        L.geoJSON(data, {
          interactive: false,
          style: { className: "ptce-map-outline" + (overTiles ? " ptce-map-outline--over-tiles" : "") },
        }).addTo(map);
        map.attributionControl.addAttribution("Contours : IGN Admin Express (Licence Ouverte)");
      });
  };

  PoleMap.prototype.load = function (url, first) {
    var self = this;
    this.element.removeAttribute("data-ptce-map-count");
    this.element.removeAttribute("data-ptce-map-error");
    return fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(data.erreur || "Erreur " + response.status);
          return data;
        });
      })
      .then(function (data) {
        self.show(data.poles, first);
      })
      .catch(function (error) {
        self.cluster.clearLayers();
        self.element.setAttribute("data-ptce-map-error", error.message);
        self.element.setAttribute("data-ptce-map-count", "0");
      });
  };

  PoleMap.prototype.show = function (poles, first) {
    var self = this;
    var markers = [];
    poles.forEach(function (pole) {
      if (pole.lat === null || pole.lon === null) return;
      var marker = L.marker([pole.lat, pole.lon], {
        icon: L.divIcon({ className: "ptce-map-marker", iconSize: [16, 16] }),
        title: pole.name,
        keyboard: true,
        riseOnHover: true,
      });
      marker.bindPopup(popup(pole, self.target));
      markers.push(marker);
    });
    this.cluster.clearLayers();
    this.cluster.addLayers(markers);
    this.element.setAttribute("data-ptce-map-count", String(markers.length));
    // After any filter (or a page opened with filters), and for poles only overseas: zoom to
    // the results; the whole Métropole when there is none.
    var group = L.featureGroup(markers);
    var filtered = !first || window.location.search.length > 1;
    var outside = markers.length && !markers.some(function (m) { return self.home.contains(m.getLatLng()); });
    if (markers.length && (filtered || outside)) this.map.fitBounds(group.getBounds(), { maxZoom: 11, padding: [30, 30] });
    else if (!first) this.map.fitBounds(this.home);
  };

  PoleMap.prototype.zoomTo = function (text) {
    this.map.fitBounds(bounds(text));
  };

  function territories(poleMap) {
    document.querySelectorAll("[data-ptce-map-territories]").forEach(function (box) {
      box.hidden = false;
      box.querySelectorAll("[data-ptce-map-bounds]").forEach(function (button) {
        button.addEventListener("click", function () {
          poleMap.zoomTo(button.getAttribute("data-ptce-map-bounds"));
        });
      });
    });
  }

  function filters(poleMap, form) {
    var dataUrl = withoutQuery(poleMap.element.getAttribute("data-ptce-map-data"));

    function refresh(search, push) {
      var pageUrl = withoutQuery(form.action) + search;
      poleMap.load(dataUrl + search, false);
      return fetch(pageUrl)
        .then(function (response) {
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var results = page.querySelector("[data-ptce-map-results]");
          var newForm = page.querySelector("[data-ptce-map-filters]");
          var current = document.querySelector("[data-ptce-map-results]");
          if (results && current) current.replaceWith(document.importNode(results, true));
          if (newForm) form.innerHTML = newForm.innerHTML;
          if (push) window.history.pushState({ ptceMap: true }, "", pageUrl);
        });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var params = new URLSearchParams();
      var data = new FormData(form);
      var near = data.get("near") || data.get("lat");
      data.forEach(function (value, name) {
        // A radius means nothing without a place: kept out of the shareable URL.
        if (value && (name !== "radius" || near)) params.append(name, value);
      });
      var query = params.toString();
      refresh(query ? "?" + query : "", true).then(function () {
        var button = form.querySelector("[type=submit]");
        if (button) button.focus();
      });
    });
    window.addEventListener("popstate", function () {
      refresh(window.location.search, false);
    });
  }

  function start() {
    var element = document.querySelector("[data-ptce-map]");
    if (!element || typeof L === "undefined") return;
    var poleMap = new PoleMap(element);
    territories(poleMap);
    var form = document.querySelector("[data-ptce-map-filters]");
    if (form) filters(poleMap, form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
