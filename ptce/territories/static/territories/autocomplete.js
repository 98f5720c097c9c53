/* Commune suggestions (territories/widgets/commune_autocomplete.html): htmx fills the listbox,
   this file lets the keyboard and the mouse pick an option and keeps the ARIA state right.
   Hooks are data-ptce-autocomplete* attributes; loaded once whatever the number of fields. */
(function () {
  "use strict";
  if (window.ptceAutocomplete) { return; }
  window.ptceAutocomplete = true;

  function parts(element) {
    var root = element && element.closest ? element.closest("[data-ptce-autocomplete]") : null;
    if (!root) { return null; }
    return {
      input: root.querySelector("[data-ptce-autocomplete-input]"),
      list: root.querySelector("[data-ptce-autocomplete-list]"),
      status: root.querySelector("[data-ptce-autocomplete-status]")
    };
  }

  function options(p) { return Array.prototype.slice.call(p.list.querySelectorAll('[role="option"]')); }

  function setOpen(p, open) {
    p.list.hidden = !open;
    p.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { p.input.removeAttribute("aria-activedescendant"); }
  }

  function activeIndex(p) {
    return options(p).findIndex(function (o) { return o.getAttribute("aria-selected") === "true"; });
  }

  function highlight(p, index) {
    var all = options(p);
    all.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    if (all[index]) {
      p.input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({ block: "nearest" });
    }
  }

  function choose(p, option) {
    p.input.value = option.getAttribute("data-ptce-value");
    p.list.innerHTML = "";
    setOpen(p, false);
    p.status.textContent = p.input.value + " sélectionnée.";
    p.input.focus();
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var p = parts(event.detail.target);
    if (!p || event.detail.target !== p.list) { return; }
    var all = options(p);
    all.forEach(function (o, i) { o.id = p.list.id + "-" + i; });
    setOpen(p, all.length > 0 && document.activeElement === p.input);
    p.status.textContent = all.length
      ? all.length + (all.length > 1 ? " suggestions" : " suggestion") +
        ", flèches haut et bas pour choisir, Entrée pour valider."
      : (p.input.value.trim().length >= 2 ? "Aucune commune ne correspond." : "");
  });

  document.addEventListener("keydown", function (event) {
    var p = parts(event.target);
    if (!p || event.target !== p.input) { return; }
    var count = options(p).length, index = activeIndex(p);
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      setOpen(p, true);
      highlight(p, (index + 1) % count);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      setOpen(p, true);
      highlight(p, index <= 0 ? count - 1 : index - 1);
    } else if (event.key === "Enter" && !p.list.hidden && index >= 0) {
      event.preventDefault();
      choose(p, options(p)[index]);
    } else if (event.key === "Escape" && !p.list.hidden) {
      event.preventDefault();
      setOpen(p, false);
    }
  });

  // Keep the focus in the input while an option is clicked.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest("[data-ptce-autocomplete-list]")) {
      event.preventDefault();
    }
  });

  document.addEventListener("focusout", function (event) {
    var p = parts(event.target);
    if (p && event.target === p.input && !(event.relatedTarget && p.list.contains(event.relatedTarget))) {
      setOpen(p, false);
    }
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest ? event.target.closest('[data-ptce-autocomplete-list] [role="option"]') : null;
    if (option) { choose(parts(option), option); return; }
    document.querySelectorAll("[data-ptce-autocomplete]").forEach(function (root) {
      if (!root.contains(event.target)) { setOpen(parts(root.firstElementChild), false); }
    });
  });
})();
