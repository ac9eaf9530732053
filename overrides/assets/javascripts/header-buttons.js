/*
 * On a phone, or a desktop zoomed to 400%, Material's menu and search buttons, and the
 * menu's section and back buttons, are <label> elements for hidden checkboxes: a finger
 * or a mouse can use them, a keyboard cannot reach them.
 *
 * - The header's menu and search labels become real <button>s with a name and
 *   aria-expanded, pressing their checkbox as the label did (site.css hides them on the
 *   wide screens where Material hides the labels); an opened search box takes the focus.
 * - In the drawer, section and back labels become tab stops; Material's own script presses
 *   a focused label on Enter, and Space does the same here.
 * - Escape closes the menu and returns to its button.
 */
(function () {
  "use strict";

  // Below this width the navigation is a drawer of sliding panels (Material's breakpoint).
  var DRAWER = window.matchMedia("(max-width: 76.234375em)");
  var NAMES = { __drawer: "Menu", __search: "Search" };

  function headerButton(label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.setAttribute("data-for", label.htmlFor);
    button.setAttribute("aria-label", NAMES[label.htmlFor]);
    button.setAttribute("aria-expanded", String(toggle.checked));
    while (label.firstChild) button.appendChild(label.firstChild);
    button.addEventListener("click", function () {
      toggle.click();
      // An opened search box takes the typing at once.
      var input = document.querySelector(".md-search__input");
      if (label.htmlFor === "__search" && toggle.checked && input) input.focus();
    });
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    label.replaceWith(button);
    return button;
  }

  var menu = null;
  document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
    if (!NAMES[label.htmlFor]) return;
    var button = headerButton(label);
    if (label.htmlFor === "__drawer") menu = button;
  });

  // The drawer's section and back labels only act as buttons in the drawer; on a wide
  // screen the sections are plain headings and must not become tab stops.
  var sections = document.querySelectorAll(
    ".md-nav--primary label.md-nav__link[for^='__nav'], " +
    ".md-nav--primary label.md-nav__title[for^='__nav']");
  function fitSections() {
    sections.forEach(function (label) {
      if (DRAWER.matches) label.setAttribute("tabindex", "0");
      else label.removeAttribute("tabindex");
    });
  }
  sections.forEach(function (label) {
    if (label.classList.contains("md-nav__title")) {
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = "Back from ";
      label.insertBefore(hint, label.lastChild);
    }
    label.addEventListener("keydown", function (event) {
      if (event.key !== " " || !DRAWER.matches) return;
      event.preventDefault();
      label.click();
    });
  });
  fitSections();
  DRAWER.addEventListener("change", fitSections);

  // Moving between panels, keep the keyboard with the reader: into a section, focus its back
  // button; back out of it, focus the section's own button.
  document.querySelectorAll(".md-nav--primary input.md-nav__toggle[id^='__nav']")
    .forEach(function (toggle) {
      toggle.addEventListener("change", function () {
        if (!DRAWER.matches) return;
        var kind = toggle.checked ? "md-nav__title" : "md-nav__link";
        var target = document.querySelector(
          ".md-nav--primary label." + kind + "[for='" + toggle.id + "']");
        if (!target) return;
        // The panel becomes visible as its slide starts: wait a frame, then focus.
        window.requestAnimationFrame(function () {
          window.setTimeout(function () { target.focus(); }, 50);
        });
      });
    });

  var drawer = document.getElementById("__drawer");
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.click();
    if (menu) menu.focus();
  });
})();
