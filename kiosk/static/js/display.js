/* Pas à pas — the menus of the kiosk bar (« Affichage », the languages) and the display options.

   The menus are <details> (they open without JavaScript). Here: opening one moves the focus into
   it and closes the other; Escape or « Fermer » closes it and gives the focus back to its
   button; a tap elsewhere closes it. When the display options change, the server sends the
   menu back with the page's new classes (data-page-classes), copied onto .page. */
(function () {
  "use strict";

  var MENUS = "details.display-switch, details.language-switch";
  var DISPLAY_CLASS = /^display-/;

  function closeMenu(menu, giveFocusBack) {
    if (!menu || !menu.open) { return; }
    menu.open = false;
    if (giveFocusBack) { menu.querySelector("summary").focus(); }
  }

  function firstChoice(menu) {
    return menu.querySelector("[aria-pressed='true'], [aria-current='true']") ||
      menu.querySelector(".kiosk-menu__panel button, .language-switch__menu button");
  }

  // <details> fires « toggle » on itself only: listen in the capture phase.
  document.addEventListener("toggle", function (event) {
    var menu = event.target;
    if (!menu.matches || !menu.matches(MENUS) || !menu.open) { return; }
    document.querySelectorAll(MENUS).forEach(function (other) {
      if (other !== menu) { closeMenu(other, false); }
    });
    // Swapped back open after a choice: htmx puts the focus back on the chosen button itself.
    if (menu.contains(document.activeElement) && document.activeElement.tagName !== "SUMMARY") { return; }
    var choice = firstChoice(menu);
    if (choice) { choice.focus(); }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll(MENUS).forEach(function (menu) {
      closeMenu(menu, menu.contains(document.activeElement));
    });
  });

  document.addEventListener("click", function (event) {
    var close = event.target.closest("[data-menu-close]");
    if (close) { closeMenu(close.closest("details"), true); return; }
    document.querySelectorAll(MENUS).forEach(function (menu) {
      if (!menu.contains(event.target)) { closeMenu(menu, false); }
    });
  });

  function applyDisplay() {
    var menu = document.getElementById("display-switch");
    var page = document.querySelector(".page");
    if (!menu || !page) { return; }
    Array.prototype.slice.call(page.classList).forEach(function (name) {
      if (DISPLAY_CLASS.test(name)) { page.classList.remove(name); }
    });
    (menu.getAttribute("data-page-classes") || "").split(/\s+/).forEach(function (name) {
      if (name) { page.classList.add(name); }
    });
  }

  // After any swap: the menu that came back carries the classes the page must have now.
  document.addEventListener("htmx:afterSettle", applyDisplay);
})();
