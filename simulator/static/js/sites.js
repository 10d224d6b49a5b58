/* Pas à pas — behaviour shared by the replica sites (the bank's shuffled keypad…).
   Wired by event delegation: it works on pages and on fragments swapped in by htmx. */
(function () {
  "use strict";

  var CODE_LENGTH = 6;

  function keypadParts(element) {
    var fieldset = element.closest(".bq-keypad");
    if (!fieldset) { return null; }
    return {
      cells: fieldset.querySelector("[data-keypad-cells]"),
      dots: fieldset.querySelectorAll(".bq-keypad__dot"),
      status: fieldset.querySelector("[data-keypad-status]")
    };
  }

  function showCount(parts) {
    var count = parts.cells.value ? parts.cells.value.split(",").length : 0;
    parts.dots.forEach(function (dot, index) {
      dot.classList.toggle("bq-keypad__dot--filled", index < count);
    });
    if (parts.status) {
      parts.status.textContent = count + (count > 1 ? " chiffres saisis" : " chiffre saisi") + " sur " + CODE_LENGTH;
    }
  }

  document.addEventListener("click", function (event) {
    var key = event.target.closest("[data-keypad-cell]");
    if (key) {
      var parts = keypadParts(key);
      if (!parts) { return; }
      var cells = parts.cells.value ? parts.cells.value.split(",") : [];
      if (cells.length < CODE_LENGTH) {
        cells.push(key.getAttribute("data-keypad-cell"));
        parts.cells.value = cells.join(",");
      }
      key.classList.add("bq-keypad__key--pressed");
      window.setTimeout(function () { key.classList.remove("bq-keypad__key--pressed"); }, 150);
      showCount(parts);
      return;
    }
    var clear = event.target.closest("[data-keypad-clear]");
    if (clear) {
      var clearParts = keypadParts(clear);
      if (clearParts) { clearParts.cells.value = ""; showCount(clearParts); }
    }
  });
})();

/* « Imprimer » on the bank's documents (RIB, relevé): a button with data-print, no inline
   script (strict CSP). Delegated, so it also works on pages swapped in by htmx. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
})();
