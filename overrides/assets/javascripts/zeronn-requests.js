/*
 * Two of the theme's requests wait until they are needed, instead of going out with every page.
 *
 * - The search index (search/search_index.json). The theme requests it as soon as a page
 *   starts: 90 to 100 kB compressed, 340 to 380 kB of JSON that the page parses and hands to
 *   the search worker, which then builds its index. A reader who never searches pays for all
 *   of it. It is sent when the reader opens the search, or points at it, and at once on a
 *   page opened from a search result (?h=..., whose words the theme highlights with the
 *   index). Until the index is ready, the search says so in the theme's own words
 *   ("Initializing search"). With instant navigation the index, once fetched, serves the
 *   rest of the visit.
 * - The sitemap (sitemap.xml), from which instant navigation learns which links lead to this
 *   site's pages. It is sent when the page has loaded. A link followed before the sitemap
 *   has come loads its page as a link does without instant navigation.
 *
 * While the page loads, each of them competed with it for the network and the processor.
 * The theme has no setting for either (it waits for the search to open only for a site
 * opened from disk), so this script, run before the theme's, holds those requests back.
 */
(function () {
  "use strict"

  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send

  // The requests held back, each until its moment has come.
  var index = { path: /\/search\/search_index\.json$/, due: new URLSearchParams(location.search).has("h"), held: [] }
  var sitemap = { path: /\/sitemap\.xml$/, due: document.readyState === "complete", held: [] }

  XMLHttpRequest.prototype.open = function (method, url) {
    var path = new URL(url, location.href).pathname
    this.zeronnHold = [index, sitemap].filter(function (hold) { return hold.path.test(path) })[0]
    return open.apply(this, arguments)
  }

  XMLHttpRequest.prototype.send = function () {
    var hold = this.zeronnHold
    if (hold && !hold.due) hold.held.push([this, arguments])
    else return send.apply(this, arguments)
  }

  function release(hold) {
    if (hold.due) return
    hold.due = true
    hold.held.splice(0).forEach(function (request) {
      // A request the theme gave up on meanwhile (abort) can no longer be sent.
      if (request[0].readyState === XMLHttpRequest.OPENED) send.apply(request[0], request[1])
    })
  }

  addEventListener("load", function () { release(sitemap) }, { once: true })

  // The theme's switch that opens the search: a click on the search icon or box, or a
  // keyboard shortcut (/, s, f), which focuses the box, turns it on.
  var toggle = document.getElementById("__search")
  if (!toggle) return release(index)
  toggle.addEventListener("change", function () { if (toggle.checked) release(index) })
  if (toggle.checked) release(index)
  // A pointer on the search icon or box: the click that opens the search follows.
  document.querySelectorAll("label[for='__search'], .md-search").forEach(function (element) {
    element.addEventListener("pointerover", function () { release(index) }, { once: true })
  })
})()
