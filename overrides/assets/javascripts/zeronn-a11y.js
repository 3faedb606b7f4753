/*
 * Accessibility fixes that need the page as the theme's JavaScript leaves it
 * (found by axe-core, tests/browser/test_accessibility.py):
 * - Material wraps each code block's copy button in a <nav>: a navigation landmark
 *   without a name, one per block (axe: landmark-unique). It navigates nowhere: it
 *   becomes a plain container (role="none"; its button stays as it is).
 * - A box that scrolls sideways (a notebook's code cell, a wide table, a wide
 *   equation) must take the keyboard's focus, or a keyboard reader cannot scroll it
 *   (axe: scrollable-region-focusable). Material does this for its own code blocks.
 *   Which boxes scroll depends on the width of the screen and on KaTeX, which draws
 *   the math after the page has loaded: checked again after each change.
 */
(function () {
  "use strict"

  var SCROLLING = ".highlight-ipynb, .md-typeset__scrollwrap, .md-typeset .katex-display, .md-typeset .arithmatex"

  function fix() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none")
    })
    document.querySelectorAll(SCROLLING).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0")
        box.dataset.zeronnFocusable = ""
      } else if (!scrolls && "zeronnFocusable" in box.dataset) {
        box.removeAttribute("tabindex")
        delete box.dataset.zeronnFocusable
      }
    })
  }

  var pending = false
  function later() {
    if (pending) return
    pending = true
    requestAnimationFrame(function () { pending = false; fix() })
  }

  new MutationObserver(function (records) {
    // Only what adds elements (the theme's buttons, KaTeX's output), not the attributes set here.
    for (var i = 0; i < records.length; i++)
      if (records[i].addedNodes.length) return later()
  }).observe(document.documentElement, { childList: true, subtree: true })
  window.addEventListener("resize", later)
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", fix)
  else
    fix()
})()
