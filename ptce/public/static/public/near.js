/*
 * « Autour de moi » : the browser's position (when the person allows it) fills the hidden
 * `lat` / `lon` fields of a form holding [data-ptce-near-me] and sends it; typing a place in
 * `near` clears them again. Without JavaScript, or without geolocation, the button stays hidden
 * and « Près de » works alone. Listeners are delegated: map.js replaces the form's content.
 */
(function () {
  "use strict";
  if (!("geolocation" in navigator)) return;

  function show() {
    document.querySelectorAll("[data-ptce-near-me]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function field(form, name) {
    return form.querySelector("[name=" + name + "]");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-ptce-near-me]");
    if (!button) return;
    var form = button.closest("form");
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        button.disabled = false;
        field(form, "lat").value = position.coords.latitude.toFixed(5);
        field(form, "lon").value = position.coords.longitude.toFixed(5);
        field(form, "near").value = "";
        if (form.requestSubmit) form.requestSubmit();
        else form.submit();
      },
      function () {
        button.disabled = false;
        button.textContent = "Position indisponible : indiquez une commune";
      },
      { timeout: 10000, maximumAge: 600000 }
    );
  });

  document.addEventListener("input", function (event) {
    if (event.target.name !== "near") return;
    var form = event.target.form;
    if (!form || !form.querySelector("[data-ptce-near-me]")) return;
    field(form, "lat").value = "";
    field(form, "lon").value = "";
  });

  function start() {
    show();
    // map.js swaps the form's content after each filter: show the new button too.
    document.querySelectorAll("[data-ptce-map-filters]").forEach(function (form) {
      new MutationObserver(show).observe(form, { childList: true });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
