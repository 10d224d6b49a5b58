// Pas à pas — the adviser console. A help request that appears on the board rings a short
// chime (made here with the Web Audio API: no sound file, nothing from outside), is read out by
// screen readers, and shows in the page title. No inline script: the CSP forbids it.
(function () {
  "use strict";

  var seen = null; // the help requests already signalled (null: the board was not read yet)
  var audio = null;
  var soundOn = true;
  var baseTitle = document.title;

  function context() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    return audio;
  }

  // Two soft notes, a little louder than a notification, short enough not to startle.
  function chime() {
    var ctx = context();
    if (!ctx || !soundOn) return false;
    if (ctx.state === "suspended") ctx.resume();
    [660, 880].forEach(function (frequency, i) {
      var start = ctx.currentTime + i * 0.22;
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.35, start + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.45);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.5);
    });
    return true;
  }

  function toggle() { return document.getElementById("sound-toggle"); }

  function showSoundState() {
    var button = toggle();
    if (!button) return;
    button.hidden = false;
    var blocked = soundOn && audio && audio.state === "suspended";
    button.setAttribute("aria-pressed", soundOn ? "true" : "false");
    button.textContent = blocked ? button.dataset.blocked : (soundOn ? button.dataset.on : button.dataset.off);
  }

  function readBoard() {
    var board = document.getElementById("board");
    if (!board) { document.title = baseTitle; return; }
    var items = board.querySelectorAll("[data-help-id]");
    var now = {};
    var fresh = [];
    items.forEach(function (item) {
      var id = item.dataset.helpId;
      now[id] = true;
      if (seen !== null && !seen[id]) fresh.push(item);
    });
    if (seen === null) fresh = Array.prototype.slice.call(items); // already waiting when opened
    seen = now;
    document.title = items.length ? "(" + items.length + ") " + baseTitle : baseTitle;
    if (!fresh.length) return;
    var announcer = document.getElementById("help-announcer");
    if (announcer) {
      announcer.textContent = fresh.map(function (item) {
        return item.textContent.replace(/\s+/g, " ").trim();
      }).join(". ");
    }
    if (chime()) board.dataset.chimes = String(Number(board.dataset.chimes || 0) + fresh.length);
    showSoundState();
  }

  // A first tap or key anywhere gives the browser's permission to play sound.
  function unlock() {
    var ctx = context();
    if (ctx && ctx.state === "suspended") ctx.resume().then(showSoundState);
  }

  document.addEventListener("pointerdown", unlock, { capture: true });
  document.addEventListener("keydown", unlock, { capture: true });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#sound-toggle")) {
      var ctx = context();
      if (ctx && ctx.state === "suspended") { ctx.resume().then(showSoundState); return; }
      soundOn = !soundOn;
      showSoundState();
    }
  });

  function start() {
    baseTitle = document.title.replace(/^\(\d+\) /, "");
    readBoard();
    showSoundState();
  }

  document.addEventListener("DOMContentLoaded", start);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "board") { readBoard(); } else { start(); }
  });
})();
