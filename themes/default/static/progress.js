/* unitpress: the unit progress page. Shows each criterion's best quiz score, keeps the
   assessor sign-offs the learner ticks, predicts the unit grade from them, and exports and
   imports progress files. */
(function () {
  "use strict";
  var root = document.querySelector(".progress[data-unit]");
  if (!root) return;
  var unit = root.dataset.unit;
  var graded = root.dataset.graded === "true";
  var rows = [].slice.call(root.querySelectorAll("tr[data-criterion]"));
  var predicted = root.querySelector(".predicted");
  var transferStatus = document.querySelector(".transfer-status");

  function key(row) {
    return unit + "/" + row.dataset.criterion;
  }

  function formatDate(iso) {
    var d = new Date(iso + "T12:00:00");
    return isNaN(d) ? iso : d.toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "long", year: "numeric" });
  }

  /* The grade the ticked criteria earn: every pass criterion for a pass, and pass and merit
     for a merit, all of them for a distinction. */
  function prediction(done) {
    var missing = function (band) {
      return rows.filter(function (r) { return r.dataset.band === band && !done[r.dataset.criterion]; }).length;
    };
    if (!graded) {
      var met = rows.filter(function (r) { return done[r.dataset.criterion]; }).length;
      return met === rows.length ? "All " + rows.length + " criteria met" : "Not yet met: " + met + " of " + rows.length + " criteria met";
    }
    var pass = missing("pass");
    if (pass > 0) return "Not yet a pass: " + pass + " pass criteria still to be signed off";
    if (missing("merit") > 0) return "Pass";
    if (missing("distinction") > 0) return "Merit";
    return "Distinction";
  }

  function render() {
    var data = UnitpressProgress.load();
    var done = {};
    rows.forEach(function (row) {
      var q = data.quizzes[key(row)];
      var cell = row.querySelector(".quiz-state");
      if (q) cell.textContent = "Best " + q.best + " of " + q.total + " on " + formatDate(q.date);
      var box = row.querySelector(".signed-off");
      box.checked = data.signedOff[key(row)] === true;
      done[row.dataset.criterion] = box.checked;
    });
    predicted.textContent = prediction(done);
  }

  rows.forEach(function (row) {
    row.querySelector(".signed-off").addEventListener("change", function (e) {
      UnitpressProgress.setSignedOff(key(row), e.target.checked);
      render();
    });
  });

  document.querySelector(".export").addEventListener("click", function () {
    var blob = new Blob([UnitpressProgress.exportText()], { type: "application/json" });
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
        var n = UnitpressProgress.importText(String(reader.result));
        transferStatus.textContent = "Imported " + n.quizzes + " quiz scores and " + n.signedOff + " sign-offs.";
        render();
      } catch (err) {
        transferStatus.textContent = "That file is not a unitpress progress file, so nothing was imported.";
      }
    };
    reader.readAsText(file);
  });

  render();
})();
