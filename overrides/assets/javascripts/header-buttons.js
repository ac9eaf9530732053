/*
 * On a phone, or a desktop zoomed to 400%, Material's menu and search buttons, and the
 * menu's section and back buttons, are <label> elements for hidden checkboxes: a finger
 * or a mouse can use them, a keyboard cannot reach them. Runs after Material's bundle.
 *
 * - The header's menu and search labels become real <button>s with a name and
 *   aria-expanded, pressing their checkbox as the label did (site.css hides them on the
 *   wide screens where Material hides the labels).
 * - The opened menu takes the focus; it closes when the focus leaves it, or on Escape,
 *   which returns the focus to the menu button. Closing search on a phone does the same
 *   for the search button.
 * - In the drawer, section, back and "this page" labels become tab stops; Material's own
 *   script presses a focused label on Enter, and Space does the same here. Moving between
 *   panels keeps the focus in the panel on screen.
 */
(function () {
  "use strict";

  // Below this width the navigation is a drawer of sliding panels (Material's breakpoint).
  var DRAWER = window.matchMedia("(max-width: 76.234375em)");
  var NAMES = { __drawer: "Menu", __search: "Search" };
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var sidebar = document.querySelector(".md-sidebar--primary");
  var buttons = {};

  function shown(element) {
    var style = window.getComputedStyle(element);
    var box = element.getBoundingClientRect();
    return style.visibility === "visible" && box.width > 0 && box.height > 0 &&
      box.right > 0 && box.left < window.innerWidth;
  }

  function later(run) {  // after the panel or box starts to slide in and becomes visible
    window.requestAnimationFrame(function () { window.setTimeout(run, 50); });
  }

  document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || !NAMES[label.htmlFor]) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("data-for", label.htmlFor);
    button.setAttribute("aria-label", NAMES[label.htmlFor]);
    button.setAttribute("aria-expanded", String(toggle.checked));
    while (label.firstChild) button.appendChild(label.firstChild);
    button.addEventListener("click", function () { toggle.click(); });
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    label.replaceWith(button);
    buttons[label.htmlFor] = button;
  });

  // Search: an opened box takes the typing; a closed one gives the focus back to its button.
  if (search && buttons.__search) {
    search.addEventListener("change", function () {
      var input = document.querySelector(".md-search__input");
      if (search.checked && input) input.focus();
      var lost = document.activeElement === document.body ||
        (document.activeElement && document.activeElement.closest(".md-search"));
      if (!search.checked && lost && shown(buttons.__search)) buttons.__search.focus();
    });
  }

  // The drawer's section, back and "this page" labels only act as buttons in the drawer; on
  // a wide screen the sections are plain headings and must not become tab stops.
  var labels = document.querySelectorAll(
    ".md-nav--primary label.md-nav__link[for^='__nav'], " +
    ".md-nav--primary label.md-nav__title[for^='__nav'], " +
    ".md-nav--primary label[for='__toc']");
  labels.forEach(function (label) {
    if (label.classList.contains("md-nav__title")) {
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = "Back from ";
      label.prepend(hint);
    }
    label.addEventListener("keydown", function (event) {
      if (event.key !== " " || !DRAWER.matches) return;
      event.preventDefault();
      label.click();
    });
  });
  function fitLabels() {
    labels.forEach(function (label) {
      if (DRAWER.matches) label.setAttribute("tabindex", "0");
      else label.removeAttribute("tabindex");
    });
  }
  fitLabels();
  DRAWER.addEventListener("change", fitLabels);

  // Into a section, focus its back button; back out of it, focus the section's own button.
  document.querySelectorAll(
    ".md-nav--primary input.md-nav__toggle[id^='__nav'], .md-nav--primary input#__toc"
  ).forEach(function (toggle) {
    toggle.addEventListener("change", function () {
      if (!DRAWER.matches) return;
      var kind = toggle.checked ? ".md-nav__title" : ".md-nav__link";
      var target = document.querySelector(
        ".md-nav--primary label" + kind + "[for='" + toggle.id + "']");
      if (target) later(function () { if (drawer && drawer.checked) target.focus(); });
    });
  });

  // The menu: opened, it takes the focus; left by the focus, or on Escape, it closes.
  function firstInDrawer() {
    var items = sidebar ? sidebar.querySelectorAll("a[href], label[tabindex='0']") : [];
    for (var i = 0; i < items.length; i++) if (shown(items[i])) return items[i];
    return null;
  }
  if (drawer && sidebar && buttons.__drawer) {
    drawer.addEventListener("change", function () {
      if (drawer.checked && DRAWER.matches) {
        later(function () {
          var first = firstInDrawer();
          if (first) first.focus();
        });
      }
    });
    document.addEventListener("focusin", function (event) {
      if (!drawer.checked || !DRAWER.matches) return;
      if (sidebar.contains(event.target) || event.target === buttons.__drawer) return;
      drawer.click();
    });
    // Capturing, so this runs before Material's own Escape handling closes the drawer.
    window.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer.checked) return;
      drawer.click();
      buttons.__drawer.focus();
    }, true);
  }
})();
