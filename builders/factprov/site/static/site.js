/* factprov site: select a statement in the text (mouse, or keyboard: Tab then Enter or Space) to show its card.
   Without this script every card is shown, in order, beside or after the text. */
(function () {
  "use strict";
  var text = document.getElementById("text");
  if (!text) { return; }
  document.documentElement.classList.add("js");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var hint = document.getElementById("hint");
  var current = null;

  function numberOf(id) { return id.slice(id.lastIndexOf("/") + 1); }

  function show(id, focusCard) {
    var n = numberOf(id);
    var card = document.getElementById("card-" + n);
    if (!card) { return; }
    cards.forEach(function (c) { c.hidden = c !== card; });
    if (hint) { hint.hidden = true; }
    var old = text.querySelectorAll(".selected");
    Array.prototype.forEach.call(old, function (el) { el.classList.remove("selected"); });
    Array.prototype.forEach.call(text.querySelectorAll("[aria-expanded=true]"), function (el) {
      el.setAttribute("aria-expanded", "false");
    });
    Array.prototype.forEach.call(text.querySelectorAll('[data-statement-id="' + id + '"]'), function (el) {
      el.classList.add("selected");
    });
    var span = document.getElementById("s-" + n);
    if (span) { span.setAttribute("aria-expanded", "true"); }
    current = id;
    if (focusCard) { card.focus(); }
  }

  cards.forEach(function (c) { c.hidden = true; });

  text.addEventListener("click", function (event) {
    var el = event.target.closest("[data-statement-id]");
    if (el) { show(el.getAttribute("data-statement-id"), false); }
  });
  text.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " " && event.key !== "Spacebar") { return; }
    var el = event.target.closest("[data-statement-id]");
    if (!el) { return; }
    event.preventDefault();
    show(el.getAttribute("data-statement-id"), true);
  });
  /* Escape in a card, or its "Back to the text" link, returns to the statement in the text. */
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      var span = document.getElementById("s-" + numberOf(current));
      if (span) { span.focus(); }
    }
  });
  cards.forEach(function (c) {
    var back = c.querySelector(".back");
    if (back) {
      back.addEventListener("click", function (event) {
        var span = document.getElementById("s-" + numberOf(c.getAttribute("data-statement-id")));
        if (span) { event.preventDefault(); span.focus(); span.scrollIntoView({block: "center"}); }
      });
    }
  });

  function fromHash() {
    var m = /^#(?:s|card)-(\d+)$/.exec(window.location.hash);
    if (!m) { return; }
    var span = document.getElementById("s-" + m[1]);
    if (span) { show(span.getAttribute("data-statement-id"), false); span.scrollIntoView({block: "center"}); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
