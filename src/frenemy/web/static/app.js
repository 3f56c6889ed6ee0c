// frenemy web app: small progressive enhancements, no dependencies, no inline code.
// 1. highlight the sentence named in the URL fragment (#s12) and scroll it into view;
// 2. clicking anywhere on an evidence row opens its document sentence;
// 3. client-side filters for the dyad page's events table (and the timeline points).
(function () {
  "use strict";

  var SENTENCE_HASH = /^#s(\d{1,7})$/;

  function highlightTarget() {
    var match = SENTENCE_HASH.exec(window.location.hash);
    var previous = document.querySelectorAll(".sentence.highlighted");
    for (var i = 0; i < previous.length; i++) previous[i].classList.remove("highlighted");
    if (!match) return;
    var el = document.getElementById("s" + match[1]);
    if (!el) return;
    el.classList.add("highlighted");
    el.scrollIntoView({ block: "center" });
  }

  function openEvidenceRows() {
    document.addEventListener("click", function (event) {
      var target = event.target;
      if (!(target instanceof Element) || target.closest("a, button, input, select, label")) return;
      var row = target.closest("tr.evidence-row");
      if (!row) return;
      var href = row.getAttribute("data-href") || "";
      if (href.indexOf("/document/") === 0) window.location.assign(href);
    });
  }

  function yearOf(value) {
    var m = /^(\d{4})/.exec(value || "");
    return m ? parseInt(m[1], 10) : null;
  }

  function setUpFilters(box) {
    var table = document.getElementById(box.getAttribute("data-table") || "");
    if (!table) return;
    var chart = document.getElementById(box.getAttribute("data-chart") || "");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var shown = box.querySelector(".shown");
    var field = function (name) { return box.querySelector("[name='" + name + "']"); };

    function apply() {
      var polarity = field("polarity").value;
      var modality = field("modality").value;
      var from = parseInt(field("from").value, 10);
      var to = parseInt(field("to").value, 10);
      var words = field("text").value.trim().toLowerCase();
      var visible = {};
      var count = 0;
      rows.forEach(function (row) {
        var year = yearOf(row.getAttribute("data-date"));
        var ok = (!polarity || row.getAttribute("data-polarity") === polarity) &&
          (!modality || row.getAttribute("data-modality") === modality) &&
          (isNaN(from) || (year !== null && year >= from)) &&
          (isNaN(to) || (year !== null && year <= to)) &&
          (!words || row.textContent.toLowerCase().indexOf(words) !== -1);
        row.hidden = !ok;
        if (ok) { count += 1; visible[row.getAttribute("data-event-id")] = true; }
      });
      if (shown) shown.textContent = count + " of " + rows.length + " events";
      if (chart) {
        var points = chart.querySelectorAll(".event-point");
        for (var i = 0; i < points.length; i++) {
          points[i].classList.toggle("dimmed", !visible[points[i].getAttribute("data-event-id")]);
        }
      }
    }

    box.addEventListener("input", apply);
    box.addEventListener("change", apply);
  }

  document.addEventListener("DOMContentLoaded", function () {
    highlightTarget();
    openEvidenceRows();
    var boxes = document.querySelectorAll(".filters[data-table]");
    for (var i = 0; i < boxes.length; i++) setUpFilters(boxes[i]);
  });
  window.addEventListener("hashchange", highlightTarget);
})();
