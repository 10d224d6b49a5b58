/* Pas à pas — the browser's own gestures that would take a learner out of the kiosk's screen
   (docs/reliability.md, drill « Hostile taps »). Chromium's flags and policy do the rest
   (kiosk/terminal: no pinch, no swipe back, no printing, no developer tools, no other site). */
(function () {
  "use strict";

  function editable(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable='true']");
  }

  // A right-click or a long press opens Chromium's menu: « Ouvrir le lien dans une nouvelle
  // fenêtre », « Rechercher sur Google », « Enregistrer sous » — windows and blocked pages the
  // learner cannot leave. A text field keeps its menu (coller).
  document.addEventListener("contextmenu", function (event) {
    if (!editable(event.target)) { event.preventDefault(); }
  });

  // A link or an image dragged and dropped opens it alone, outside the kiosk's frame.
  document.addEventListener("dragstart", function (event) {
    if (!editable(event.target)) { event.preventDefault(); }
  });

  // The browser's zoom (Ctrl + wheel, a touchpad's pinch, Ctrl + « + ») breaks the screen and
  // stays for the next learner; the kiosk's own « Affichage » makes the text bigger.
  document.addEventListener("wheel", function (event) {
    if (event.ctrlKey) { event.preventDefault(); }
  }, { passive: false });
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && ["+", "-", "=", "0"].indexOf(event.key) !== -1) {
      event.preventDefault();
    }
  });
})();
