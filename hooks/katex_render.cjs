// The Node half of hooks/katex_render.py: KaTeX (from node_modules, pinned by
// package-lock.json) typesets one formula per line of stdin, given as JSON
// {"tex": ..., "display": true|false}, and answers on one line of stdout with
// {"html": ...} or, when KaTeX cannot parse it, {"error": ...}.
"use strict"
const path = require("path")
const readline = require("readline")
const katex = require(path.join(__dirname, "..", "node_modules", "katex"))

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { tex, display } = JSON.parse(line)
  let reply
  try {
    // HTML for the eye and MathML for screen readers (KaTeX's default output).
    reply = { html: katex.renderToString(tex, { displayMode: display, throwOnError: true }) }
  } catch (error) {
    reply = { error: String(error.message || error) }
  }
  process.stdout.write(JSON.stringify(reply) + "\n")
})
