/*
 * The rest of the page, laid out a little at a time once the page has loaded.
 *
 * zeronn.css lets the browser skip the blocks far from the screen (content-visibility),
 * so that a phone shows the first screen without laying out a long chapter first. Left
 * at that, the skipped blocks would keep a made-up height until the reader scrolls to
 * them (the scroll bar and the table of contents' positions would be estimates), and a
 * tool that measures the page from a script (an accessibility checker) would find
 * their contents laid out over one another. So, once the page has loaded, the blocks
 * are laid out in order, for 8 ms a frame: small slices that
 * never keep the browser from answering the reader. <html data-zeronn-rendered> says
 * that every block is laid out.
 */
(function () {
  "use strict"

  var BLOCKS = ".md-content__inner > :not(.doc, .jupyter-wrapper), .doc-contents > :not(.doc-children), .jp-Notebook > .jp-CodeCell" // as zeronn.css
  var SLICE_MS = 8 // per slice; a block that takes longer is a slice of its own
  var idle = window.requestIdleCallback || function (next) { return setTimeout(next, 16) }
  var blocks = []

  // The next slice waits until the browser has laid out and drawn the last one, then for an
  // idle moment: two slices never add up to one long piece of work.
  function afterNextFrame(next) {
    requestAnimationFrame(function () { setTimeout(function () { idle(next) }) })
  }

  var scheduled = false // one chain of slices at a time, even when a new page comes mid-way
  function schedule() {
    if (!scheduled) afterNextFrame(slice)
    scheduled = true
  }

  function slice() {
    scheduled = false
    // Each block is laid out at once (reading its height), so that the slice knows what it took.
    var end = performance.now() + SLICE_MS
    while (blocks.length && performance.now() < end) {
      var block = blocks.shift()
      block.style.contentVisibility = "visible"
      void block.offsetHeight
    }
    if (blocks.length) schedule()
    else document.documentElement.setAttribute("data-zeronn-rendered", "")
  }

  function start() {
    document.documentElement.removeAttribute("data-zeronn-rendered")
    blocks = Array.prototype.slice.call(document.querySelectorAll(BLOCKS))
    schedule()
  }

  // Once the page has loaded, and again after each instant navigation (navigation.instant),
  // which swaps in the next page's blocks: the theme's document$ reports both.
  document$.subscribe(function () {
    if (document.readyState === "complete") start()
    else addEventListener("load", start, { once: true })
  })
})()
