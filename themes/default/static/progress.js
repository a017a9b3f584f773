/* unitpress: the unit progress page. Shows each criterion's best quiz score, keeps the
   sign-offs the learner ticks, predicts the unit grade from them and says what each grade still
   needs, and exports and imports progress files. */
(function () {
  "use strict";
  var root = document.querySelector(".progress[data-unit]");
  if (!root) return;
  var P = UnitpressProgress;
  var unit = root.dataset.unit;
  var criteria = P.parseCriteria(root.dataset.criteria);
  var rows = [].slice.call(root.querySelectorAll("[data-criterion]"));
  var predicted = root.querySelector(".predicted");
  var needed = root.querySelector(".still-needed");
  var transferStatus = document.querySelector(".transfer-status");

  function key(row) {
    return unit + "/" + row.dataset.criterion;
  }

  function formatDate(iso) {
    var d = new Date(iso + "T12:00:00");
    return isNaN(d) ? iso : d.toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "long", year: "numeric" });
  }

  function render() {
    var data = P.load();
    rows.forEach(function (row) {
      var q = data.quizzes[key(row)];
      if (q) row.querySelector(".quiz-state").textContent = "Quiz best " + q.best + " of " + q.total + " on " + formatDate(q.date);
      row.querySelector(".signed-off").checked = data.signedOff[key(row)] === true;
    });
    var s = P.unitSummary(unit, criteria, data);
    predicted.textContent = P.gradeText(s);
    needed.textContent = "";
    P.stillNeeded(s).forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      needed.appendChild(li);
    });
    if (window.UnitpressStatus) window.UnitpressStatus.refresh();
  }

  rows.forEach(function (row) {
    row.querySelector(".signed-off").addEventListener("change", function (e) {
      P.setSignedOff(key(row), e.target.checked);
      render();
    });
  });

  document.querySelector(".export").addEventListener("click", function () {
    var blob = new Blob([P.exportText()], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "unitpress-progress-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    transferStatus.textContent = "Progress exported to " + link.download + ".";
  });

  document.querySelector(".import").addEventListener("change", function (e) {
    var file = e.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      try {
        var n = P.importText(String(reader.result));
        transferStatus.textContent = "Imported " + P.plural(n.quizzes, "quiz score", "quiz scores") + " and " + P.plural(n.signedOff, "sign-off", "sign-offs") + ".";
        render();
      } catch (err) {
        transferStatus.textContent = "That file is not a unitpress progress file, so nothing was imported.";
      }
    };
    reader.readAsText(file);
  });

  render();
})();
