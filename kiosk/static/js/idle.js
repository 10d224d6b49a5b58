/* Pas à pas — « Vous êtes toujours là ? » (reference kiosk-security-reliability §2).

   The page says how long to wait (data-idle-seconds on .page, only while a learner's session
   holds something) and how long to count down (data-idle-countdown, never under 20 s). Taps and
   keys restart the wait and, once a minute at most, tell the server (/seance/presence). At the
   end of the wait, a full-screen dialog asks the question, reads it aloud where the browser
   has a voice for the language, and counts down; « Je suis encore là » (or Escape) starts
   again; at zero the session ends through the « Terminer » form. The adviser adding time
   (the heartbeat's « kiosk-idle-extended ») starts again too. */
(function () {
  "use strict";

  var MIN_COUNTDOWN = 20;
  var PING_EVERY_MS = 60000;
  var ACTIVITY = ["pointerdown", "keydown", "touchstart", "input", "wheel"];

  var waitTimer = null;
  var tickTimer = null;
  var lastPing = Date.now();  // loading the page was a request
  var focusBefore = null;
  var ending = false;

  function settings() {
    var page = document.querySelector(".page");
    var idle = page && parseInt(page.getAttribute("data-idle-seconds"), 10);
    if (!idle) { return null; }
    var countdown = parseInt(page.getAttribute("data-idle-countdown"), 10) || 60;
    return { idle: idle, countdown: Math.max(MIN_COUNTDOWN, countdown) };
  }

  function dialog() { return document.getElementById("idle-dialog"); }

  function stopTimers() {
    window.clearTimeout(waitTimer);
    window.clearInterval(tickTimer);
  }

  function restart() {
    stopTimers();
    var s = settings();
    if (s && !ending) { waitTimer = window.setTimeout(warn, s.idle * 1000); }
  }

  function ping() {
    lastPing = Date.now();
    var presence = document.querySelector("[data-idle-presence]");
    if (presence && window.htmx) { window.htmx.trigger(presence, "kiosk-presence"); }
  }

  function speak(text) {
    if (!window.speechSynthesis) { return; }
    var lang = (document.documentElement.lang || "fr").toLowerCase();
    var voice = window.speechSynthesis.getVoices().filter(function (v) {
      return v.lang && v.lang.toLowerCase().indexOf(lang) === 0;
    })[0];
    if (!voice) { return; }
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    window.speechSynthesis.speak(utterance);
  }

  function show(seconds) {
    var counter = document.querySelector("[data-idle-remaining]");
    if (counter) { counter.textContent = String(seconds); }
  }

  function warn() {
    var box = dialog();
    var s = settings();
    if (!box || !s) { return; }
    focusBefore = document.activeElement;
    show(s.countdown);
    if (!box.open) { box.showModal(); }
    box.querySelector("[data-idle-stay]").focus();
    speak(box.querySelector(".idle-dialog__title").textContent);
    var deadline = Date.now() + s.countdown * 1000;
    tickTimer = window.setInterval(function () {
      var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      show(left);
      if (left === 0) { end(); }
    }, 250);
  }

  function end() {
    stopTimers();
    ending = true;
    var form = document.querySelector("[data-idle-end]");
    if (form) { form.submit(); }  // a plain POST, like « Terminer »: the page goes home
  }

  function stay() {
    var box = dialog();
    if (box && box.open) { box.close(); }
    if (window.speechSynthesis) { window.speechSynthesis.cancel(); }
    ping();
    restart();
    if (focusBefore && document.body.contains(focusBefore)) { focusBefore.focus(); }
    focusBefore = null;
  }

  function activity() {
    var box = dialog();
    if (box && box.open) { return; }  // only the answer counts now
    restart();
    if (Date.now() - lastPing > PING_EVERY_MS) { ping(); }
  }

  ACTIVITY.forEach(function (type) {
    document.addEventListener(type, activity, { capture: true, passive: true });
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-idle-stay]")) { stay(); }
  });

  // Escape in the dialog is an answer too (the browser would close it: we decide).
  document.addEventListener("cancel", function (event) {
    if (event.target === dialog()) { event.preventDefault(); stay(); }
  }, true);

  // The adviser added time: the heartbeat's answer fires this on the page.
  document.addEventListener("kiosk-idle-extended", function () {
    var box = dialog();
    if (box && box.open) { stay(); } else { restart(); }
  });

  // A new page (boosted navigation, or the first load): a request, and perhaps new timings.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail && event.detail.boosted) { lastPing = Date.now(); restart(); }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restart);
  } else {
    restart();
  }
})();
