/* Pas à pas — the kiosk chrome: simulated browser buttons, the phone drawer, forgetting.
   No inline script anywhere (strict CSP): everything is wired here by event delegation, so it
   keeps working on content that htmx swaps in. */
(function () {
  "use strict";

  // The persona's devices (the phone, the mailbox, « Mes documents ») open as drawers beside
  // the replica: a button [data-drawer-toggle=ID] in the kiosk bar, the drawer #ID with its
  // close button [data-drawer-close]; [data-drawer-open=ID] opens one from elsewhere (a toast).
  // One drawer at a time; the <html> element says which (`drawer-open`, `<ID>-open`).
  function buttonFor(id) { return document.querySelector("[data-drawer-toggle='" + id + "']"); }

  // `quiet`: the caller fills the drawer itself (« Mes documents » in choosing mode); otherwise
  // the drawer hears `drawer-opened` and may load its content (hx-trigger).
  function openDrawer(id, quiet) {
    var drawer = document.getElementById(id);
    if (!drawer) { return; }
    document.querySelectorAll(".device-drawer:not([hidden])").forEach(function (other) {
      if (other.id !== id) { closeDrawer(other.id, false); }
    });
    drawer.hidden = false;
    document.documentElement.classList.add("drawer-open", id + "-open");
    var button = buttonFor(id);
    if (button) { button.setAttribute("aria-expanded", "true"); }
    var close = drawer.querySelector("[data-drawer-close]");
    if (close) { close.focus(); }
    if (!quiet) { drawer.dispatchEvent(new CustomEvent("drawer-opened")); }
  }

  function closeDrawer(id, giveFocusBack) {
    var drawer = document.getElementById(id);
    if (!drawer || drawer.hidden) { return; }
    drawer.hidden = true;
    document.documentElement.classList.remove("drawer-open", id + "-open", "papers-picking");
    var button = buttonFor(id);
    if (button) {
      button.setAttribute("aria-expanded", "false");
      if (giveFocusBack !== false) { button.focus(); }
    }
  }

  window.pasapasDrawers = { open: openDrawer, close: closeDrawer };

  // A replica's « Parcourir… » ([data-paper-pick=FIELD]) opens « Mes documents » to choose a
  // paper; « Choisir ce document » ([data-papers-choose=TOKEN]) puts it in the form's hidden
  // FIELD and shows its file name, as a browser's file picker would.
  var pickingField = null;

  document.addEventListener("click", function (event) {
    var pick = event.target.closest("[data-paper-pick]");
    if (pick) {
      pickingField = pick.getAttribute("data-paper-pick");
      openDrawer("papers-drawer", true);
      document.documentElement.classList.add("papers-picking");
      if (window.htmx) {
        window.htmx.ajax("GET", "/sites/papiers/?choisir=1", { source: pick, target: "#papers-screen" });
      }
      return;
    }
    var choose = event.target.closest("[data-papers-choose]");
    if (!choose || !pickingField) { return; }
    var field = document.getElementById(pickingField);
    if (field) {
      field.value = choose.getAttribute("data-papers-choose");
      field.dispatchEvent(new Event("change", { bubbles: true }));
      var picker = field.closest("[data-paper-picker]");
      var shown = picker && picker.querySelector("[data-paper-chosen]");
      if (shown) {
        shown.textContent = choose.getAttribute("data-file-name") + " (" + choose.getAttribute("data-file-size") + ")";
        shown.classList.add("paper-picker__chosen--set");
      }
    }
    closeDrawer("papers-drawer", false);
    var browse = field && field.closest("[data-paper-picker]") && field.closest("[data-paper-picker]").querySelector("[data-paper-pick]");
    if (browse) { browse.focus(); }
    pickingField = null;
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button, a, summary");
    if (!target) {
      document.querySelectorAll("details.language-switch[open]").forEach(function (d) { d.open = false; });
      return;
    }
    var toggle = target.getAttribute("data-drawer-toggle");
    if (toggle) {
      var drawer = document.getElementById(toggle);
      if (drawer && drawer.hidden) { openDrawer(toggle); } else { closeDrawer(toggle); }
      return;
    }
    var opens = target.getAttribute("data-drawer-open");
    // [data-drawer-quiet]: the opener fills the drawer itself (« Lire le courriel » loads that
    // e-mail), so the drawer must not load its list over it.
    if (opens) { openDrawer(opens, target.hasAttribute("data-drawer-quiet")); }
    if (target.hasAttribute("data-drawer-close")) {
      var own = target.closest(".device-drawer");
      if (own) { closeDrawer(own.id); }
    }
    var browserAction = target.getAttribute("data-browser");
    if (browserAction === "back") { window.history.back(); }
    if (browserAction === "reload") { window.location.reload(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll(".device-drawer:not([hidden])").forEach(function (d) { closeDrawer(d.id); });
    }
  });

  // A task of « Par où commencer ? » was done in a drawer (the fake SMS deleted in the phone):
  // the drawer steps aside, so that « Continuer » beside the page can be seen.
  document.addEventListener("htmx:afterSettle", function () {
    if (!document.querySelector("[data-close-drawers]")) { return; }
    document.querySelectorAll(".device-drawer:not([hidden])").forEach(function (d) { closeDrawer(d.id, false); });
  });

  // A new SMS arrived while the page stayed: refresh the phone button (badge) at once.
  document.body.addEventListener("phone-rang", function () {
    var button = document.getElementById("phone-button");
    if (button && window.htmx) {
      // Sent from the kiosk bar, not from the button: htmx drops a second request from the
      // same element, and a tap on the phone at that moment would then open an empty phone.
      window.htmx.ajax("GET", "/sites/telephone/bouton", {
        source: ".kiosk-bar__tools", target: "#phone-button", swap: "outerHTML"
      });
    }
  });

  // A new e-mail arrived while the page stayed: refresh « Messagerie » (its unread count).
  document.body.addEventListener("mail-arrived", function () {
    var button = document.getElementById("mail-button");
    if (button && window.htmx) {
      window.htmx.ajax("GET", "/sites/messagerie/bouton", {
        source: ".kiosk-bar__tools", target: "#mail-button", swap: "outerHTML"
      });
    }
  });

  // The session has just ended: forget whatever this page's origin stored in the browser,
  // even where the browser ignores Clear-Site-Data.
  if (document.querySelector(".page.session-ended")) {
    try { window.sessionStorage.clear(); window.localStorage.clear(); } catch (e) { /* private mode */ }
    if (window.history.replaceState) { window.history.replaceState(null, "", "/"); }
  }
})();

/* The terminal's name (the launcher opens /borne/<id>). No cookie holds it: the home page plants
   none, and the session is born when the learner acts. The page names its terminal
   (data-kiosk-id); this tab keeps the name and sends it with every request, so the session
   created by the learner's first tap knows its kiosk. */
(function () {
  "use strict";
  var KEY = "pasapas-borne";

  function remember() {
    var page = document.querySelector(".page[data-kiosk-id]");
    if (page) {
      try { window.sessionStorage.setItem(KEY, page.getAttribute("data-kiosk-id")); } catch (e) { /* private mode */ }
    }
  }

  function name() {
    try { return window.sessionStorage.getItem(KEY); } catch (e) { return null; }
  }

  remember();
  document.addEventListener("htmx:afterSettle", remember);
  document.addEventListener("htmx:configRequest", function (event) {
    var id = name();
    if (id) { event.detail.headers["X-Kiosk-Id"] = id; }
  });
  // Forms posted without htmx (the language, « Terminer »): the name rides as a field.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var id = name();
    if (!id || !form || (form.method || "").toLowerCase() !== "post" || form.querySelector("input[name=borne]")) { return; }
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "borne";
    field.value = id;
    form.appendChild(field);
  });
})();

/* The coach: highlight the element of the step on the replica (with an arrow at the top of the
   hint ladder), and read the instruction aloud where the browser has a voice for the language. */
(function () {
  "use strict";

  var ARROW = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 11h11.2l-4.6-4.6L12 5l7 7-7 7-1.4-1.4 4.6-4.6H4z"/></svg>';

  function clearHighlight() {
    document.querySelectorAll(".coach-highlight").forEach(function (el) { el.classList.remove("coach-highlight"); });
    document.querySelectorAll(".coach-arrow").forEach(function (el) { el.remove(); });
  }

  function highlight() {
    clearHighlight();
    var panel = document.getElementById("coach-panel");
    var replica = document.getElementById("replica");
    if (!panel || !replica) { return; }
    var selector = panel.getAttribute("data-coach-target");
    if (!selector) { return; }
    var target = null;
    // The replica's page first; then the kiosk around it (the phone button, the phone).
    try { target = replica.querySelector(selector) || document.querySelector(selector); } catch (e) { return; }
    if (!target) { return; }
    target.classList.add("coach-highlight");
    if (panel.getAttribute("data-coach-arrow") === "yes") {
      target.scrollIntoView({ block: "center" });
      var arrow = document.createElement("div");
      arrow.className = "coach-arrow";
      arrow.innerHTML = ARROW;
      var box = target.getBoundingClientRect();
      if (replica.contains(target)) {
        var page = replica.getBoundingClientRect();
        arrow.style.top = (box.top - page.top + replica.scrollTop + box.height / 2 - 32) + "px";
        arrow.style.left = Math.max(0, box.left - page.left - 72) + "px";
        replica.style.position = "relative";
        replica.appendChild(arrow);
      } else {
        arrow.style.position = "fixed";
        arrow.style.top = Math.max(0, box.bottom + 4) + "px";
        arrow.style.left = Math.max(0, box.left + box.width / 2 - 32) + "px";
        arrow.classList.add("coach-arrow--up");
        document.body.appendChild(arrow);
      }
    }
  }

  function voiceFor(lang) {
    if (!window.speechSynthesis) { return null; }
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(lang) === 0) { return voices[i]; }
    }
    return null;
  }

  function offerSpeech() {
    var lang = document.documentElement.lang || "fr";
    var voice = voiceFor(lang);
    document.querySelectorAll("[data-speak]").forEach(function (button) { button.hidden = !voice; });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-speak]");
    if (!button) { return; }
    var source = document.querySelector(button.getAttribute("data-speak"));
    var lang = document.documentElement.lang || "fr";
    var voice = voiceFor(lang);
    if (!source || !voice) { return; }
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(source.innerText);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  });

  function refresh() { highlight(); offerSpeech(); }
  if (window.speechSynthesis) { window.speechSynthesis.addEventListener("voiceschanged", offerSpeech); }
  document.addEventListener("DOMContentLoaded", refresh);
  document.addEventListener("htmx:afterSettle", refresh);
  if (document.readyState !== "loading") { refresh(); }
})();

/* Downloads (a RIB, a statement as a PDF) leave the page as it is: say that the file arrived,
   as a browser does, and ask the coach whether the exercise moved on. */
(function () {
  "use strict";
  var hideTimer = null;

  function refreshCoach() {
    if (window.htmx && document.getElementById("coach-panel")) {
      window.htmx.ajax("GET", "/coach/panneau", { target: "#coach-panel", swap: "outerHTML" });
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[download]");
    if (!link) { return; }
    var notice = document.querySelector("[data-download-notice]");
    if (notice) {
      notice.hidden = false;
      window.clearTimeout(hideTimer);
      hideTimer = window.setTimeout(function () { notice.hidden = true; }, 8000);
    }
    window.setTimeout(refreshCoach, 700);
    window.setTimeout(refreshCoach, 2500);
  });
})();

/* What the adviser sends (a message, « J'arrive ») closes with its button. */
document.addEventListener("click", function (event) {
  "use strict";
  var close = event.target.closest("[data-notice-close]");
  if (close) { close.closest(".kiosk-notice").remove(); }
});

/* A slow or broken network (docs/reliability.md, drill « réseau »). Every tap that waits more
   than 300 ms shows that it is on its way (the tapped button, and a bar at the top); a second
   tap on the same button while the first is on its way is dropped (a double tap never posts
   twice; the server refuses a replay anyway); a tap whose request never got an answer says so,
   in the learner's language, with « Réessayer ». Requests of hidden elements (the heartbeat,
   the presence signal) and background refreshes are the kiosk's own: they show nothing. */
(function () {
  "use strict";
  var WAIT_SHOWN_AFTER_MS = 300;
  var pending = [];  // the taps on their way: { elt, timer, shown }
  var failed = null; // what to do again on « Réessayer »

  function isTap(detail) {
    var elt = detail.elt;
    var event = detail.requestConfig && detail.requestConfig.triggeringEvent;
    return !!(elt && elt.closest && !elt.closest("[hidden]") && event &&
              (event.type === "click" || event.type === "submit" || event.type === "change"));
  }

  function tapped(detail) {
    var event = detail.requestConfig.triggeringEvent;
    return (event && event.submitter) || detail.elt;
  }

  function settle(state) {
    window.clearTimeout(state.timer);
    state.shown.forEach(function (el) { el.classList.remove("kiosk-waiting-on"); el.removeAttribute("aria-busy"); });
    if (state.elt.pasapasWait === state) { state.elt.pasapasWait = null; }
    pending = pending.filter(function (other) { return other !== state; });
    if (!pending.length) { document.documentElement.classList.remove("kiosk-waiting"); }
  }

  function done(detail) {
    var state = detail.elt && detail.elt.pasapasWait;
    if (state) { settle(state); }
  }

  document.addEventListener("htmx:confirm", function (event) {
    // The same element's request is still on its way: this is a second tap, not a new one.
    if (event.detail.elt && event.detail.elt.pasapasWait) { event.preventDefault(); }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var detail = event.detail;
    if (!isTap(detail)) { return; }
    hideFailure();
    var button = tapped(detail);
    var state = { elt: detail.elt, shown: [], timer: 0 };
    detail.elt.pasapasWait = state;
    detail.elt.pasapasButton = button; // « Réessayer » taps it again
    pending.push(state);
    state.timer = window.setTimeout(function () {
      document.documentElement.classList.add("kiosk-waiting");
      if (button && button.classList) {
        button.classList.add("kiosk-waiting-on");
        button.setAttribute("aria-busy", "true");
        state.shown.push(button);
      }
    }, WAIT_SHOWN_AFTER_MS);
  });

  // A new page came in (boosted navigation swaps the whole body): whatever was on its way
  // belonged to the page that is gone; htmx may tell its end to a detached element only.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target === document.body) { pending.slice().forEach(settle); }
  });

  document.addEventListener("htmx:afterRequest", function (event) { done(event.detail); });

  function showFailure(detail) {
    var box = document.getElementById("kiosk-connection");
    if (!box) { return; }
    failed = { elt: detail.elt, button: detail.elt && detail.elt.pasapasButton };
    box.hidden = false;
    var retry = box.querySelector("[data-connection-retry]");
    if (retry) { retry.focus(); }
  }

  function hideFailure() {
    var box = document.getElementById("kiosk-connection");
    if (box) { box.hidden = true; }
  }

  function onFailure(event) {
    if (isTap(event.detail)) { showFailure(event.detail); }
    done(event.detail);
  }
  // No answer at all (the network dropped the request, the server is away) or too late.
  document.addEventListener("htmx:sendError", onFailure);
  document.addEventListener("htmx:timeout", onFailure);
  // An answer htmx does not swap (every status is swapped by our configuration; kept in case).
  document.addEventListener("htmx:responseError", onFailure);

  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-connection-retry]")) { return; }
    hideFailure();
    var again = failed;
    failed = null;
    if (!again || !again.elt || !document.body.contains(again.elt)) {
      window.location.reload();
      return;
    }
    if (again.elt.tagName === "FORM") {
      var button = again.button && again.button !== again.elt && again.elt.contains(again.button) ? again.button : undefined;
      again.elt.requestSubmit(button);
    } else {
      again.elt.click();
    }
  });
})();
