/* Pas à pas — the on-screen keyboard, for kiosks with a touch screen and no keyboard.

   simple-keyboard draws the keys; the layouts are ours (below, as data). The keyboard slides up
   when a text field gets the focus (#osk, in every kiosk page) and types into that field as a
   physical keyboard would: keydown, beforeinput, input, keyup, so that what listens to the
   field (the IBAN boxes' auto-advance, the scam form's « filled » flag, htmx triggers) works
   the same. The field keeps the focus while keys are tapped, and is never left under the
   keyboard: the page makes room (kiosk.css, « On-screen keyboard ») and the field is scrolled
   into what remains. A learner who types on a physical keyboard makes it step aside. */
(function () {
  "use strict";

  // Keys are separated by spaces; {names} are the function keys. « text » is the French AZERTY
  // the learners will meet, with the accents on a row of their own; « capitals » is for fields
  // that only take capitals and digits (the IBAN boxes, the learner code); the pads are for
  // numbers: an identifiant or a code (numeric), an amount (decimal), a date.
  var LAYOUTS = {
    text: {
      "default": [
        "1 2 3 4 5 6 7 8 9 0 {bksp}",
        "a z e r t y u i o p",
        "q s d f g h j k l m",
        "{shift} w x c v b n ' {shift}",
        "é è à ù ç â ê î ô û ë ï",
        "@ . - _ , {space} {ok}"
      ],
      shift: [
        "1 2 3 4 5 6 7 8 9 0 {bksp}",
        "A Z E R T Y U I O P",
        "Q S D F G H J K L M",
        "{shift} W X C V B N ' {shift}",
        "É È À Ù Ç Â Ê Î Ô Û Ë Ï",
        "@ . - _ , {space} {ok}"
      ]
    },
    capitals: {
      "default": [
        "1 2 3 4 5 6 7 8 9 0",
        "A Z E R T Y U I O P",
        "Q S D F G H J K L M",
        "W X C V B N - {bksp}",
        "{ok}"
      ]
    },
    numeric: { "default": ["1 2 3", "4 5 6", "7 8 9", "0 {bksp}", "{ok}"] },
    decimal: { "default": ["1 2 3", "4 5 6", "7 8 9", ", 0 {bksp}", "{ok}"] },
    date: { "default": ["1 2 3", "4 5 6", "7 8 9", "/ 0 {bksp}", "{ok}"] }
  };
  var PADS = { numeric: true, decimal: true, date: true };
  var TEXT_TYPES = { text: true, search: true, password: true, email: true, tel: true, url: true, number: true };
  var KEY_NAMES = { "{bksp}": "Backspace", "{space}": " ", "{ok}": "Enter", "{shift}": "Shift" };

  var keyboard = null;     // the simple-keyboard instance of the current page
  var host = null;         // its #osk (a boosted navigation brings a new one)
  var field = null;        // the field being typed into
  var layoutName = null;
  var physicalKeyboard = false;  // the learner typed on real keys: no sliding up on focus
  var pointerBusy = false;       // between a tap's pointerdown and its click
  var pointerTimer = null;
  var dismissed = null;          // the field whose keyboard the learner closed (« OK », Escape)

  function isTextField(el) {
    if (!el || el.disabled || el.readOnly) { return false; }
    if (el.tagName === "TEXTAREA") { return true; }
    return el.tagName === "INPUT" && TEXT_TYPES[(el.getAttribute("type") || "text").toLowerCase()] === true;
  }

  function layoutFor(el) {
    var wanted = el.getAttribute("data-keyboard");
    if (wanted && LAYOUTS[wanted]) { return wanted; }
    var mode = (el.getAttribute("inputmode") || "").toLowerCase();
    if (mode === "numeric" || mode === "tel") { return "numeric"; }
    if (mode === "decimal") { return "decimal"; }
    if ((el.getAttribute("autocapitalize") || "").toLowerCase() === "characters") { return "capitals"; }
    return "text";
  }

  function label(name) { return host.getAttribute("data-key-" + name) || name; }

  function ensureKeyboard() {
    var current = document.getElementById("osk");
    if (!current || !window.SimpleKeyboard) { return null; }
    if (current === host && keyboard) { return keyboard; }
    if (keyboard) { try { keyboard.destroy(); } catch (e) { /* its page is gone */ } }
    host = current;
    layoutName = null;
    var Keyboard = window.SimpleKeyboard["default"] || window.SimpleKeyboard;
    keyboard = new Keyboard(host.querySelector(".osk__keys"), {
      layout: LAYOUTS.text,
      layoutName: "default",
      theme: "hg-theme-default osk__board",
      display: { "{bksp}": "⌫", "{shift}": "⇧", "{space}": label("space"), "{ok}": "OK" },
      buttonTheme: [
        { "class": "osk__key--function", buttons: "{bksp} {shift}" },
        { "class": "osk__key--ok", buttons: "{ok}" },
        { "class": "osk__key--space", buttons: "{space}" }
      ],
      buttonAttributes: [
        { attribute: "aria-label", value: label("bksp"), buttons: "{bksp}" },
        { attribute: "aria-label", value: label("shift"), buttons: "{shift}" },
        { attribute: "aria-label", value: label("ok"), buttons: "{ok}" }
      ],
      useButtonTag: true,          // real buttons: focusable, announced, activated by Enter
      useMouseEvents: true,        // a key types on click (a tap's release), like any button
      preventMouseDownDefault: true,  // the field keeps the focus
      disableButtonHold: true,     // a long press types one character, never a burst
      disableCaretPositioning: true,
      onKeyPress: press
    });
    return keyboard;
  }

  /* --- typing into the field, as real keys do --------------------------------------------- */

  function keyEvent(type, key) {
    return new KeyboardEvent(type, { key: key, bubbles: true, cancelable: true });
  }

  function selection(el) {
    try {
      if (typeof el.selectionStart === "number") { return [el.selectionStart, el.selectionEnd]; }
    } catch (e) { /* email and number fields have no selection */ }
    return [el.value.length, el.value.length];
  }

  function setCaret(el, position) {
    try { el.setSelectionRange(position, position); } catch (e) { /* no selection here */ }
  }

  function edit(el, inputType, text) {
    var range = selection(el);
    var start = range[0];
    var end = range[1];
    if (inputType === "deleteContentBackward") {
      if (start === end) { if (start === 0) { return; } start -= 1; }
      text = "";
    } else {
      var room = el.maxLength > 0 ? el.maxLength - (el.value.length - (end - start)) : text.length;
      if (room <= 0) { return; }  // a full field takes no more, as with real keys
      text = text.slice(0, room);
    }
    var before = new InputEvent("beforeinput", { inputType: inputType, data: text || null,
                                                 bubbles: true, cancelable: true });
    if (!el.dispatchEvent(before)) { return; }
    el.value = el.value.slice(0, start) + text + el.value.slice(end);
    setCaret(el, start + text.length);
    el.dispatchEvent(new InputEvent("input", { inputType: inputType, data: text || null, bubbles: true }));
  }

  function press(button) {
    if (!field) { return; }
    if (button === "{shift}") { shift(!isShifted()); return; }
    if (button === "{ok}") { dismiss(); return; }
    var el = field;
    var key = KEY_NAMES[button] || button;
    // Like a real key: whoever listens may take the keydown (the IBAN boxes take Backspace in
    // an empty box to go back to the previous one).
    if (el.dispatchEvent(keyEvent("keydown", key))) {
      if (button === "{bksp}") { edit(el, "deleteContentBackward", ""); }
      else { edit(el, "insertText", key); }
    }
    el.dispatchEvent(keyEvent("keyup", key));
    if (isShifted() && button !== "{bksp}") { shift(false); }  // one capital, then small letters again
    if (field) { showField(field); }
  }

  function isShifted() { return keyboard && keyboard.options.layoutName === "shift"; }

  function shift(on) {
    if (!LAYOUTS[layoutName].shift) { return; }
    keyboard.setOptions({ layoutName: on ? "shift" : "default" });
    host.querySelectorAll("[data-skbtn='{shift}']").forEach(function (key) {
      key.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  /* --- opening, closing, making room --------------------------------------------------- */

  function open(el) {
    if (!ensureKeyboard()) { return; }
    field = el;
    var name = layoutFor(el);
    if (name !== layoutName) {
      layoutName = name;
      keyboard.setOptions({ layout: LAYOUTS[name], layoutName: "default" });
      host.setAttribute("data-layout", name);
      host.classList.toggle("osk--pad", PADS[name] === true);
      shift(false);
    }
    if (host.hidden) {
      host.hidden = false;
      document.documentElement.classList.add("osk-open");
    }
    document.documentElement.style.setProperty("--osk-height", host.offsetHeight + "px");
    showField(el);
  }

  function close() {
    field = null;
    if (!host || host.hidden) { return; }
    host.hidden = true;
    document.documentElement.classList.remove("osk-open");
    document.documentElement.style.removeProperty("--osk-height");
  }

  function scrollParent(el) {
    for (var node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      var overflow = window.getComputedStyle(node).overflowY;
      if ((overflow === "auto" || overflow === "scroll") && node.scrollHeight > node.clientHeight) {
        return node;
      }
    }
    return null;
  }

  // The field (with its label above it, where there is room) must be in the part of the
  // screen that the keyboard leaves: scroll it to the middle of that part when it is not.
  function showField(el) {
    var scroller = scrollParent(el);
    var top = scroller ? Math.max(0, scroller.getBoundingClientRect().top) : 0;
    var bottom = window.innerHeight - (host && !host.hidden ? host.offsetHeight : 0);
    if (scroller) { bottom = Math.min(bottom, scroller.getBoundingClientRect().bottom); }
    var box = el.getBoundingClientRect();
    if (box.top >= top + 8 && box.bottom <= bottom - 8) { return; }
    var shift = (box.top + box.height / 2) - (top + bottom) / 2;
    // Inside zoomed content (« Affichage », text size) scrolling counts unzoomed pixels.
    if (scroller) { scroller.scrollTop += shift / (scroller.currentCSSZoom || 1); }
    else { window.scrollBy(0, shift); }
  }

  function dismiss() {
    dismissed = field;
    close();
  }

  // Follow the focus. During a tap, wait for its click: closing the keyboard between the
  // pointerdown and the click would move the page under the finger.
  function followFocus(tapped) {
    var active = document.activeElement;
    if (host && active && host.contains(active)) { return; }  // a key, reached with Tab
    if (!isTextField(active)) {
      dismissed = null;
      close();
      return;
    }
    if (active === field) { return; }
    if (tapped) {  // a tap on a field always brings the keyboard, even after « OK »
      physicalKeyboard = false;
      open(active);
    } else if (active === dismissed || physicalKeyboard) {
      close();
    } else {
      open(active);
    }
  }

  function tapDone() {
    window.clearTimeout(pointerTimer);
    if (!pointerBusy) { return; }
    pointerBusy = false;
    window.setTimeout(function () { followFocus(true); }, 0);
  }

  document.addEventListener("pointerdown", function (event) {
    if (host && host.contains(event.target)) { return; }
    pointerBusy = true;
    window.clearTimeout(pointerTimer);
    pointerTimer = window.setTimeout(tapDone, 1500);  // a press that never became a click
  }, true);
  document.addEventListener("click", tapDone);

  // Between the keys too, a tap on the keyboard leaves the focus in the field.
  document.addEventListener("mousedown", function (event) {
    if (host && host.contains(event.target)) { event.preventDefault(); }
  }, true);

  document.addEventListener("focusin", function () { if (!pointerBusy) { followFocus(false); } });
  document.addEventListener("focusout", function () {
    window.setTimeout(function () { if (!pointerBusy) { followFocus(false); } }, 0);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && field) { dismiss(); return; }
    // Real keys in a field: this kiosk has a keyboard, the on-screen one steps aside.
    if (event.isTrusted && field && isTextField(event.target) &&
        (event.key.length === 1 || event.key === "Backspace")) {
      physicalKeyboard = true;
      close();
    }
  });

  // A new page (boosted navigation) brings its own #osk: start closed; the focus decides.
  document.addEventListener("htmx:afterSettle", function () {
    if (host && !document.body.contains(host)) {
      field = null;
      document.documentElement.classList.remove("osk-open");
      document.documentElement.style.removeProperty("--osk-height");
    }
    if (document.activeElement && isTextField(document.activeElement)) { followFocus(false); }
  });

  window.addEventListener("resize", function () {
    if (field && host && !host.hidden) {
      document.documentElement.style.setProperty("--osk-height", host.offsetHeight + "px");
      showField(field);
    }
  });
})();
