/*
 * The header's language switch, after an instant navigation.
 *
 * The theme's instant navigation (navigation.instant) fetches the next page and swaps in
 * its content, keeping the header, whose language links name the page they were drawn
 * for. Each page carries its own links in a hidden list (overrides/main.html); on every
 * navigation the header's links take them over, so the switch always leads to the page
 * the reader is on.
 */
(function () {
  "use strict"

  document$.subscribe(function () {
    document.querySelectorAll("[data-zeronn-languages] a[hreflang]").forEach(function (own) {
      var link = document.querySelector('.md-select__link[hreflang="' + own.getAttribute("hreflang") + '"]')
      if (link) link.href = own.href
    })
  })
})()
