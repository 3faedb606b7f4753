/*
 * Accessibility fixes that need the page as the theme's JavaScript leaves it
 * (found by axe-core, tests/browser/test_accessibility.py):
 * - Material wraps each code block's copy button in a <nav>: a navigation landmark
 *   without a name, one per block (axe: landmark-unique). It navigates nowhere: it
 *   becomes a plain container (role="none"; its button stays as it is).
 * - A box that scrolls sideways (a notebook's code cell, a wide table, a wide
 *   equation) must take the keyboard's focus, or a keyboard reader cannot scroll it
 *   (axe: scrollable-region-focusable). Material does this for its own code blocks.
 *   Which boxes scroll depends on the width of the screen: checked again when it
 *   changes, and when the theme adds elements.
 */
(function () {
  "use strict"

  // The theme makes a code block focusable when it mounts it, and it mounts a block only
  // when it first comes into view (content.lazy): the others are checked here too.
  var SCROLLING = ".highlight-ipynb, .md-typeset__scrollwrap, .md-typeset .katex-display, .md-typeset .arithmatex, .md-typeset pre > code"

  function fix() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none")
    })
    // Measure every box first, then change them: a change between two measurements
    // would make the browser lay out the whole page again for the second one.
    var boxes = Array.prototype.slice.call(document.querySelectorAll(SCROLLING))
    var scrolling = boxes.map(function (box) { return box.scrollWidth > box.clientWidth + 1 })
    boxes.forEach(function (box, i) {
      var scrolls = scrolling[i]
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0")
        box.dataset.zeronnFocusable = ""
      } else if (!scrolls && "zeronnFocusable" in box.dataset) {
        box.removeAttribute("tabindex")
        delete box.dataset.zeronnFocusable
      }
    })
  }

  // Run in the next frame, when the browser lays the page out anyway to draw it: a
  // measurement then costs nothing extra (run at once, it would force a layout of its
  // own in the middle of loading). <html data-zeronn-a11y="done"> says that the boxes
  // are checked and that no check is waiting (the browser tests wait for it).
  var root = document.documentElement
  var pending = false
  function later() {
    if (pending) return
    pending = true
    root.removeAttribute("data-zeronn-a11y")
    requestAnimationFrame(function () {
      pending = false
      fix()
      root.setAttribute("data-zeronn-a11y", "done")
    })
  }

  new MutationObserver(function (records) {
    // Only what adds elements (the theme's buttons, its code blocks as they come into
    // view), not the attributes set here.
    for (var i = 0; i < records.length; i++)
      if (records[i].addedNodes.length) return later()
  }).observe(document.documentElement, { childList: true, subtree: true })
  window.addEventListener("resize", later)
  later()
})()
