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

/* The IBAN in seven boxes ([data-iban-box] inside [data-iban]; simulator/partials/_iban_boxes.html,
   the bank's new beneficiary and France Travail's « Mon RIB »): letters go upper case, a full
   box moves on to the next one, Backspace in an empty box goes back, and a pasted IBAN
   (with or without « FR » and spaces) is spread over the boxes. Delegated, so it works on
   forms swapped in by htmx; without JavaScript the boxes are plain fields. */
(function () {
  "use strict";

  function boxesOf(box) {
    var group = box.closest("[data-iban]");
    return group ? Array.prototype.slice.call(group.querySelectorAll("[data-iban-box]")) : [box];
  }

  function clean(text) {
    return (text || "").replace(/[\s\u00a0]+/g, "").toUpperCase();
  }

  function focusBox(box, atEnd) {
    box.focus();
    var end = box.value.length;
    try { box.setSelectionRange(atEnd ? end : 0, end); } catch (e) { /* not a text field */ }
  }

  // Writes `text` from `start` on, box after box; returns the box to go to next.
  function spread(boxes, start, text) {
    var index = start;
    var rest = text;
    while (index < boxes.length && rest.length) {
      var size = boxes[index].maxLength > 0 ? boxes[index].maxLength : rest.length;
      boxes[index].value = rest.slice(0, size);
      rest = rest.slice(size);
      index += 1;
    }
    return boxes[Math.min(index, boxes.length - 1)];
  }

  document.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest("[data-iban-box]");
    if (!box) { return; }
    var value = clean(box.value);
    var boxes = boxesOf(box);
    var index = boxes.indexOf(box);
    var size = box.maxLength > 0 ? box.maxLength : value.length;
    if (value.length > size) {
      focusBox(spread(boxes, index, value), true);
      return;
    }
    if (value !== box.value) {
      var caret = box.selectionStart;
      box.value = value;
      try { box.setSelectionRange(caret, caret); } catch (e) { /* not a text field */ }
    }
    var typing = !event.inputType || event.inputType.indexOf("insert") === 0;
    if (typing && value.length === size && index < boxes.length - 1 &&
        box.selectionStart === value.length) {
      focusBox(boxes[index + 1], false);  // selected: typing replaces what it held
    }
  });

  document.addEventListener("paste", function (event) {
    var box = event.target.closest && event.target.closest("[data-iban-box]");
    if (!box || !event.clipboardData) { return; }
    var text = clean(event.clipboardData.getData("text")).replace(/[^A-Z0-9]/g, "");
    if (text.length < 2) { return; }
    event.preventDefault();
    var boxes = boxesOf(box);
    var start = boxes.indexOf(box);
    if (/^FR\d\d/.test(text)) { text = text.slice(2); start = 0; }
    var total = boxes.reduce(function (sum, b) { return sum + b.maxLength; }, 0);
    if (text.length === total) { start = 0; }
    focusBox(spread(boxes, start, text), true);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Backspace") { return; }
    var box = event.target.closest && event.target.closest("[data-iban-box]");
    if (!box || box.value.length || box.selectionStart !== 0) { return; }
    var boxes = boxesOf(box);
    var index = boxes.indexOf(box);
    if (index > 0) {
      event.preventDefault();
      var previous = boxes[index - 1];
      previous.value = previous.value.slice(0, -1);
      focusBox(previous, true);
    }
  });
})();

/* The look-alike site of the scam exercise: its fields have no name and are never sent; the
   form only tells the server whether something was typed. */
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var form = event.target.closest("[data-scam-form]");
    if (!form) { return; }
    var typed = Array.prototype.some.call(form.querySelectorAll("input:not([type=hidden])"),
      function (input) { return input.value.length > 0; });
    form.querySelector("[data-scam-filled]").value = typed ? "1" : "0";
  });
})();

/* The cookie banner's « Personnaliser »: shows the three switches and « Enregistrer mes
   choix ». Delegated: the banner may come with a page swapped in by htmx. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-cookie-customise]");
    if (!button) { return; }
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) { return; }
    panel.hidden = !panel.hidden;
    button.setAttribute("aria-expanded", panel.hidden ? "false" : "true");
    if (!panel.hidden) {
      var first = panel.querySelector("input");
      if (first) { first.focus(); }
    }
  });
})();

/* The security code in six boxes ([data-code-box] inside [data-code]; the ameli login): only
   digits, a typed digit moves on to the next box, Backspace in an empty box goes back, and a
   pasted (or autofilled) code is spread over the boxes. Delegated, so it works on forms swapped
   in by htmx; without JavaScript the boxes are plain fields. */
(function () {
  "use strict";

  function boxesOf(box) {
    var group = box.closest("[data-code]");
    return group ? Array.prototype.slice.call(group.querySelectorAll("[data-code-box]")) : [box];
  }

  function spread(boxes, start, digits) {
    var index = start;
    for (var i = 0; i < digits.length && index < boxes.length; i += 1, index += 1) {
      boxes[index].value = digits.charAt(i);
    }
    var next = boxes[Math.min(index, boxes.length - 1)];
    next.focus();
    try { next.select(); } catch (e) { /* not a text field */ }
  }

  document.addEventListener("input", function (event) {
    var box = event.target.closest && event.target.closest("[data-code-box]");
    if (!box) { return; }
    var digits = box.value.replace(/\D+/g, "");
    var boxes = boxesOf(box);
    var index = boxes.indexOf(box);
    if (digits.length > 1) { spread(boxes, index, digits); return; }
    if (digits !== box.value) { box.value = digits; }
    if (digits.length === 1 && index < boxes.length - 1) {
      boxes[index + 1].focus();
      try { boxes[index + 1].select(); } catch (e) { /* not a text field */ }
    }
  });

  document.addEventListener("paste", function (event) {
    var box = event.target.closest && event.target.closest("[data-code-box]");
    if (!box || !event.clipboardData) { return; }
    var digits = event.clipboardData.getData("text").replace(/\D+/g, "");
    if (!digits) { return; }
    event.preventDefault();
    var boxes = boxesOf(box);
    spread(boxes, digits.length >= boxes.length ? 0 : boxes.indexOf(box), digits);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Backspace") { return; }
    var box = event.target.closest && event.target.closest("[data-code-box]");
    if (!box || box.value.length) { return; }
    var boxes = boxesOf(box);
    var index = boxes.indexOf(box);
    if (index > 0) {
      event.preventDefault();
      boxes[index - 1].value = "";
      boxes[index - 1].focus();
    }
  });
})();
