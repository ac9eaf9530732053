/*
 * What a printed page needs that the screen does not: the date it was printed, and the
 * full address of each source a number comes from (site.css writes them only on paper).
 * Runs after the page has loaded; the page prints well without it, just without these.
 */
(function () {
  "use strict";

  function writePrintDate() {
    var today = new Date().toLocaleDateString(document.documentElement.lang || undefined,
      { year: "numeric", month: "long", day: "numeric" });
    document.querySelectorAll("[data-print-date]").forEach(function (element) {
      element.textContent = today;
    });
  }

  // Source links point at the sources page with a relative address; on paper the reader
  // needs it in full, against the page's published address (its canonical link).
  var canonical = document.querySelector('link[rel="canonical"]');
  var base = canonical ? canonical.href : window.location.href;
  document.querySelectorAll(".table-source a[href], .help-card__source a[href]")
    .forEach(function (link) {
      link.setAttribute("data-print-href", new URL(link.getAttribute("href"), base).href);
    });

  writePrintDate();
  window.addEventListener("beforeprint", writePrintDate);  // a page left open for days
})();
