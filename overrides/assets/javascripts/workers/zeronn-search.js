/*
 * The search worker: Material's own (named in this script's URL, ?worker=...),
 * with Japanese queries cut into words the way the index was cut.
 *
 * Material tokenizes the index with its separator, then each piece with
 * TinySegmenter (lunr.ja), so 「交差エントロピー誤差」 is indexed as 交差 | エントロピー
 * | 誤差. A query does not go through TinySegmenter: Material splits it with the
 * separator and cuts runs of kanji by looking up substrings in the index (an
 * experiment made for Chinese, which drops the run's last character). A query
 * of a Japanese compound then asks for words the index does not hold, or for
 * other ones. Here a query that holds Japanese is cut exactly as a piece of
 * text is cut at indexing (separator, then TinySegmenter), and every word is
 * searched as a prefix, as Material does with every word.
 *
 * Material parses the query twice with lunr.QueryParser: once to search and
 * once to tell which words matched (highlighting, the "missing" words, the
 * boost for results that hold every word). Both parse the words made here.
 * Queries without Japanese, and queries that use lunr's syntax (+ - ~ ^ : ")
 * go to Material unchanged.
 */
(function () {
  "use strict"

  var SETUP = 0 // Material's SearchMessageType.SETUP
  var QUERY = 2 // Material's SearchMessageType.QUERY
  var JAPANESE = /[\u3041-\u30ff\u3400-\u9fff\uf900-\ufaff\u3005\uff66-\uff9f]/
  var SYNTAX = /[+~^:"*]|(^|\s)-/

  var separator = null // the index's separator, from the setup message
  var rewritten = null // the latest query, as words for lunr's parser

  function words(query) {
    var found = []
    var pieces = query.split(separator)
    for (var i = 0; i < pieces.length; i++) {
      var piece = pieces[i]
      if (!piece) continue
      // Material's tokenizer: TinySegmenter cuts a piece when its character type is Japanese.
      var segmenter = self.lunr && self.lunr.segmenter
      if (segmenter && /^[MHIK]$/.test(segmenter.ctype_(piece)))
        found.push.apply(found, segmenter.segment(piece))
      else
        found.push(piece)
    }
    return found.filter(function (word) { return word.trim() })
  }

  function rewrite(query) {
    if (!separator || !JAPANESE.test(query) || SYNTAX.test(query)) return null
    var list = words(query.trim())
    if (!list.length) return null
    return list.map(function (word) { return word.toLowerCase() + "*" }).join(" ")
  }

  // Registered before Material's worker is loaded, so it runs first for every message.
  self.addEventListener("message", function (event) {
    var message = event.data
    if (!message) return
    if (message.type === SETUP)
      separator = new RegExp(message.data.config.separator, "g")
    else if (message.type === QUERY)
      rewritten = rewrite(String(message.data))
  })

  var worker = new URL(self.location.href).searchParams.get("worker")
  importScripts(new URL(worker, self.location.href).href)

  // Material's worker exposes lunr as self.lunr; both of its parses go through this.
  var Parser = self.lunr.QueryParser
  function QueryParser(str, query) {
    Parser.call(this, rewritten === null ? str : rewritten, query)
  }
  QueryParser.prototype = Parser.prototype
  // The parser's states (parseClause, parseTerm, ...) are properties of the constructor.
  for (var name in Parser)
    if (Object.prototype.hasOwnProperty.call(Parser, name)) QueryParser[name] = Parser[name]
  self.lunr.QueryParser = QueryParser
})()
