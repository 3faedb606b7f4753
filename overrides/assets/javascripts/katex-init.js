// Typeset the math that pymdownx.arithmatex leaves in <span/div class="arithmatex">.
// Material swaps pages without a reload (instant loading), so render on every document$ event.
(function () {
  function render() {
    renderMathInElement(document.body, {
      delimiters: [
        { left: "$$", right: "$$", display: true },
        { left: "$", right: "$", display: false },
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
      ignoredClasses: ["highlight", "md-search"],
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(render);
  } else {
    document.addEventListener("DOMContentLoaded", render);
  }
})();
