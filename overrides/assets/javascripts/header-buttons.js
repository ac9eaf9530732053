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
 * - In the drawer, section, back and "this page" labels get a real button inside them
 *   (role, name, aria-expanded, Enter and Space); moving between panels keeps the focus in
 *   the panel on screen.
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

  function shown(element) {  // laid out and not hidden (it may still be sliding in)
    var box = element.getBoundingClientRect();
    return window.getComputedStyle(element).visibility === "visible" && box.width > 0 &&
      box.height > 0;
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

  // In the drawer, each section, back and "this page" label gets a button inside it: the
  // label's text, with a role, a name, a state and a place in the tab order. On a wide
  // screen the sections are plain headings, so the buttons go back to being plain text.
  var targets = [];
  document.querySelectorAll(
    ".md-nav--primary label.md-nav__link[for^='__nav'], " +
    ".md-nav--primary label.md-nav__title[for^='__nav'], " +
    ".md-nav--primary label.md-nav__link[for='__toc']"
  ).forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    var back = label.classList.contains("md-nav__title");
    var target = back ? null : label.querySelector(".md-ellipsis");
    if (back) {  // the title's words sit beside its arrow icon: gather them in a span
      target = document.createElement("span");
      Array.prototype.slice.call(label.childNodes).forEach(function (node) {
        if (!(node instanceof Element && node.classList.contains("md-nav__icon"))) {
          target.appendChild(node);
        }
      });
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = "Back from ";
      target.prepend(hint);
      label.appendChild(target);
    }
    if (!target) return;
    target.classList.add("drawer-button");
    function press(event) {
      if (!DRAWER.matches) return;
      event.preventDefault();  // no label activation on top: press the checkbox once, here
      toggle.click();
    }
    target.addEventListener("click", press);
    target.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") press(event);
    });
    targets.push({ target: target, toggle: toggle, back: back, label: label });
  });
  function fitButtons() {
    targets.forEach(function (item) {
      var target = item.target;
      if (DRAWER.matches) {
        target.setAttribute("role", "button");
        target.setAttribute("tabindex", "0");
        if (!item.back) target.setAttribute("aria-expanded", String(item.toggle.checked));
      } else {
        ["role", "tabindex", "aria-expanded"].forEach(function (name) {
          target.removeAttribute(name);
        });
      }
    });
  }
  fitButtons();
  DRAWER.addEventListener("change", fitButtons);

  // Into a section, focus its back button; back out of it, focus the section's own button.
  targets.forEach(function (item) {
    if (item.back) return;
    item.toggle.addEventListener("change", function () {
      if (!DRAWER.matches) return;
      item.target.setAttribute("aria-expanded", String(item.toggle.checked));
      var next = item;
      if (item.toggle.checked) {
        next = targets.filter(function (other) {
          return other.back && other.toggle === item.toggle;
        })[0] || item;
      }
      later(function () { if (drawer && drawer.checked) next.target.focus(); });
    });
  });

  // The menu: opened, it takes the focus; left by the focus, or on Escape, it closes.
  function firstInDrawer() {
    var items = sidebar ? sidebar.querySelectorAll("a[href], [tabindex='0']") : [];
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
