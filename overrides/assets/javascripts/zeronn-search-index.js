/*
 * The search index is fetched when the reader opens the search, not with every page.
 *
 * The theme requests search/search_index.json as soon as a page starts: 90 to 100 kB
 * compressed, 340 to 380 kB of JSON that the page parses and hands to the search worker,
 * which then builds its index. A reader who never searches pays for all of it, and it
 * competes with the page for the network and the processor while the page loads. The
 * theme has no setting for this (it waits for the search to open only for a site opened
 * from disk), so this script, run before the theme's, holds that one request back: the
 * request is sent when the reader opens the search, or points at it, and at once on a page
 * opened from a search result (?h=..., whose words the theme highlights with the index).
 * Until the index is ready, the search says so in the theme's own words ("Initializing
 * search"). With instant navigation the index, once fetched, serves the rest of the visit.
 */
(function () {
  "use strict"

  var INDEX = /\/search\/search_index\.json$/
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send
  var held = [] // [request, arguments of send] until the search is wanted
  var wanted = new URLSearchParams(location.search).has("h")

  XMLHttpRequest.prototype.open = function (method, url) {
    this.zeronnSearchIndex = INDEX.test(new URL(url, location.href).pathname)
    return open.apply(this, arguments)
  }

  XMLHttpRequest.prototype.send = function () {
    if (this.zeronnSearchIndex && !wanted) held.push([this, arguments])
    else return send.apply(this, arguments)
  }

  function want() {
    if (wanted) return
    wanted = true
    held.splice(0).forEach(function (request) {
      // A request the theme gave up on meanwhile (abort) can no longer be sent.
      if (request[0].readyState === XMLHttpRequest.OPENED) send.apply(request[0], request[1])
    })
  }

  // The theme's switch that opens the search: a click on the search icon or box, or a
  // keyboard shortcut (/, s, f), which focuses the box, turns it on.
  var toggle = document.getElementById("__search")
  if (!toggle) return want()
  toggle.addEventListener("change", function () { if (toggle.checked) want() })
  if (toggle.checked) want()
  // A pointer on the search icon or box: the click that opens the search follows.
  document.querySelectorAll("label[for='__search'], .md-search").forEach(function (element) {
    element.addEventListener("pointerover", want, { once: true })
  })
})()
