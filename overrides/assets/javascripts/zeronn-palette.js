/*
 * The light/dark switch in the header (overrides/partials/palette.html says why it
 * is not the theme's component). The page starts in the right palette already
 * (overrides/partials/javascripts/palette.html); here the switch is made to work:
 * - a click on the label, or Enter on the switch, moves to the next palette, and
 *   the choice is stored where the theme stores it (__palette, per site);
 * - with no stored choice, the page follows the system's setting as it changes;
 * - <meta name="theme-color"> carries the header's colour, as under the theme.
 */
(function () {
  "use strict"

  var form = document.querySelector("[data-zeronn-palette]")
  if (!form) return
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"))
  var meta = document.createElement("meta")
  meta.name = "theme-color"
  document.head.appendChild(meta)

  function themeColor() {
    var header = document.querySelector("[data-md-component=header]")
    var rgb = getComputedStyle(header).backgroundColor.match(/\d+/g).slice(0, 3)
    meta.content = "#" + rgb.map(function (c) { return (+c).toString(16).padStart(2, "0") }).join("")
  }

  function apply(index) {
    var input = inputs[index]
    // The theme's CSS turns transitions off while this attribute is there: the colours
    // change at once instead of fading element by element.
    document.body.setAttribute("data-md-color-switching", "")
    var colors = color(input)
    Object.keys(colors).forEach(function (key) { document.body.setAttribute("data-md-color-" + key, colors[key]) })
    inputs.forEach(function (other, i) {
      var label = other.nextElementSibling
      if (label instanceof HTMLLabelElement) label.hidden = i !== index
    })
    input.checked = true
    themeColor()
    setTimeout(function () { document.body.removeAttribute("data-md-color-switching") })
  }

  function color(input) {
    var color = {}
    ;["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key)
    })
    return color
  }

  inputs.forEach(function (input, index) {
    input.addEventListener("change", function () {
      __md_set("__palette", { index: index, color: color(input) })
      apply(index)
    })
    // Without a stored choice, the page follows the system's setting.
    matchMedia(input.getAttribute("data-md-color-media")).addEventListener("change", function (ev) {
      if (ev.matches && !__md_get("__palette")) apply(index)
    })
  })

  // Enter on the switch does what a click does (Space already does, on a radio button).
  form.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return
    var next = inputs[(inputs.findIndex(function (input) { return input.checked }) + 1) % inputs.length]
    next.click()
    next.focus()
  })

  // Once the page has loaded, reading the header's style is cheap: nothing is left to restyle.
  if (document.readyState === "complete") requestAnimationFrame(themeColor)
  else addEventListener("load", function () { requestAnimationFrame(themeColor) })
})()
