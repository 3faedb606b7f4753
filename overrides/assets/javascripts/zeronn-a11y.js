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
 *
 * Whether a box scrolls is a measurement, and the page lays out only what is near the
 * screen (content-visibility in zeronn.css): a box is measured when it comes within a
 * screen of the visible part, in the observer's callback, when the browser has just
 * laid it out. Measuring every box at once would make the browser lay out the whole
 * page for it. A reader who starts moving with Tab gets every box measured, once, at
 * that first Tab, before the focus moves.
 */
(function () {
  "use strict"

  // The theme makes a code block focusable when it mounts it, and it mounts a block only
  // when it first comes into view (content.lazy): the others are checked here too.
  var SCROLLING = ".highlight-ipynb, .md-typeset__scrollwrap, .md-typeset .katex-display, .md-typeset .arithmatex, .md-typeset pre > code"
  var root = document.documentElement
  var keyboard = false // set at the first Tab: from then on every box is kept measured

  function scrolls(box) {
    return box.scrollWidth > box.clientWidth + 1
  }

  function mark(box, scrolling) {
    if (scrolling && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0")
      box.dataset.zeronnFocusable = ""
    } else if (!scrolling && "zeronnFocusable" in box.dataset) {
      box.removeAttribute("tabindex")
      delete box.dataset.zeronnFocusable
    }
  }

  // Measure all the boxes first, then mark them: a change between two measurements would
  // make the browser lay out the page again for the second one.
  function check(boxes) {
    var scrolling = boxes.map(scrolls)
    boxes.forEach(function (box, i) { mark(box, scrolling[i]) })
  }

  // The observer reports on each box once as soon as it observes it, then whenever the box
  // comes near the screen or leaves. <html data-zeronn-a11y="done"> says that no first report
  // is still awaited: every box near the screen is checked (the browser tests wait for it).
  var awaited = new Set()
  function done() {
    if (awaited.size === 0) root.setAttribute("data-zeronn-a11y", "done")
  }

  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) { awaited.delete(entry.target) })
    check(entries.filter(function (entry) { return entry.isIntersecting }).map(function (entry) { return entry.target }))
    done()
  }, { rootMargin: "100% 0px" })

  function watch(scope) {
    if (scope.matches && scope.matches("nav.md-code__nav:not([role])")) scope.setAttribute("role", "none")
    scope.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) { nav.setAttribute("role", "none") })
    var boxes = Array.prototype.slice.call(scope.querySelectorAll(SCROLLING))
    if (scope.matches && scope.matches(SCROLLING)) boxes.push(scope)
    boxes.forEach(function (box) {
      awaited.add(box)
      observer.observe(box)
    })
    if (boxes.length) root.removeAttribute("data-zeronn-a11y")
    if (keyboard) check(boxes)
    done()
  }

  // What the theme adds later (its buttons, its code blocks as they come into view).
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType === 1) watch(node)
      })
    })
  }).observe(document.body, { childList: true, subtree: true })

  // A new width, a font that has come in (a formula's width changes with KaTeX's fonts), or a
  // new page swapped in by instant navigation: observe every box again; the observer reports
  // at once on those near the screen.
  function again() {
    observer.disconnect()
    awaited.clear()
    watch(document.body)
  }
  window.addEventListener("resize", again)
  document.fonts.addEventListener("loadingdone", again)

  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Tab" || keyboard) return
    keyboard = true
    check(Array.prototype.slice.call(document.querySelectorAll(SCROLLING)))
  }, true)

  // The page as it loads, then each page that instant navigation brings. A new page starts
  // unmeasured, as at load: its own stylesheets may still be coming, and its first Tab
  // measures every box again.
  document$.subscribe(function () {
    keyboard = false
    again()
    // A stylesheet the new page brings may still be coming, and its rules change the boxes'
    // widths: measure again once it has come.
    document.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
      if (!link.sheet) link.addEventListener("load", again, { once: true })
    })
  })
})()
