/* Pas à pas — the kiosk chrome: simulated browser buttons, the phone drawer, forgetting.
   No inline script anywhere (strict CSP): everything is wired here by event delegation, so it
   keeps working on content that htmx swaps in. */
(function () {
  "use strict";

  function phoneDrawer() { return document.getElementById("phone-drawer"); }
  function phoneButton() { return document.getElementById("phone-button"); }

  function openPhone() {
    var drawer = phoneDrawer();
    if (!drawer) { return; }
    drawer.hidden = false;
    document.documentElement.classList.add("phone-open");
    var button = phoneButton();
    if (button) { button.setAttribute("aria-expanded", "true"); }
    var close = drawer.querySelector("[data-phone='close']");
    if (close) { close.focus(); }
  }

  function closePhone() {
    var drawer = phoneDrawer();
    if (!drawer || drawer.hidden) { return; }
    drawer.hidden = true;
    document.documentElement.classList.remove("phone-open");
    var button = phoneButton();
    if (button) { button.setAttribute("aria-expanded", "false"); button.focus(); }
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button, a, summary");
    if (!target) {
      document.querySelectorAll("details.language-switch[open]").forEach(function (d) { d.open = false; });
      return;
    }
    if (target.id === "phone-button") {
      if (phoneDrawer() && phoneDrawer().hidden) { openPhone(); } else { closePhone(); }
      return;
    }
    var phoneAction = target.getAttribute("data-phone");
    if (phoneAction === "open") { openPhone(); }
    if (phoneAction === "close") { closePhone(); }
    var browserAction = target.getAttribute("data-browser");
    if (browserAction === "back") { window.history.back(); }
    if (browserAction === "reload") { window.location.reload(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closePhone(); }
  });

  // A new SMS arrived while the page stayed: refresh the phone button (badge) at once.
  document.body.addEventListener("phone-rang", function () {
    var button = phoneButton();
    if (button && window.htmx) {
      window.htmx.ajax("GET", "/sites/telephone/bouton", { target: "#phone-button", swap: "outerHTML" });
    }
  });

  // The session has just ended: forget whatever this page's origin stored in the browser,
  // even where the browser ignores Clear-Site-Data.
  if (document.querySelector(".page.session-ended")) {
    try { window.sessionStorage.clear(); window.localStorage.clear(); } catch (e) { /* private mode */ }
    if (window.history.replaceState) { window.history.replaceState(null, "", "/"); }
  }
})();
