/* unitpress: the unit progress page. Shows each criterion's best quiz score, keeps the
   assessor sign-offs the learner ticks (or the marks entered for each marking criterion),
   predicts the unit grade or total from them, says what each grade still needs, and exports
   and imports progress files. How the grade comes from the criteria is not written here: the
   page carries the unit's assessment model (data-assessment, made by the build) and this
   script follows it. */
(function () {
  "use strict";
  var root = document.querySelector(".progress[data-unit]");
  if (!root) return;
  var P = UnitpressProgress;
  var unit = root.dataset.unit;
  var model = JSON.parse(root.dataset.assessment);
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

  /* The highest grade whose criteria are all met; below the lowest, the model's words with
     the counts filled in. */
  function grade(done) {
    var earned = null;
    model.grades.forEach(function (g) {
      if (g.requires.every(function (id) { return done[id]; })) earned = g.name;
    });
    if (earned !== null) return earned;
    var lowest = model.grades[0] ? model.grades[0].requires : [];
    var met = rows.filter(function (r) { return done[r.dataset.criterion]; }).length;
    var counts = {
      missing: lowest.filter(function (id) { return !done[id]; }).length,
      met: met,
      total: rows.length
    };
    return model.below.replace(/\{(missing|met|total)\}/g, function (_, name) { return String(counts[name]); });
  }

  /* Mark band n (1 = the lowest) that `mark` falls in, or 0 when it is below them all. */
  function bandOf(bands, mark) {
    for (var i = 0; i < bands.length; i++) {
      if (mark >= bands[i][0] && mark <= bands[i][1]) return i + 1;
    }
    return 0;
  }

  /* The total of the marks entered, and the grade its boundaries give. */
  function total(marks) {
    var sum = 0;
    model.criteria.forEach(function (c) { sum += marks[c.id] || 0; });
    var text = sum + " of " + model.total + " marks";
    if (model.boundaries.length) {
      var reached = model.boundaries.filter(function (b) { return sum >= b.marks; });
      text += reached.length ? ": " + reached[reached.length - 1].grade : ": below " + model.boundaries[0].grade;
    }
    return text;
  }

  function criterionOf(row) {
    var id = row.dataset.criterion;
    return model.criteria.filter(function (c) { return c.id === id; })[0];
  }

  /* A whole number of marks from 0 to the criterion's most, or null. */
  function markOf(input, max) {
    var v = input.value.trim();
    if (!/^[0-9]+$/.test(v)) return null;
    var n = Number(v);
    return n <= max ? n : null;
  }

  function showBand(row, mark) {
    var cell = row.querySelector(".mark-band");
    var c = criterionOf(row);
    if (mark === null || mark === undefined) {
      cell.textContent = "Not marked yet";
      return;
    }
    var band = bandOf(c.bands, mark);
    cell.textContent = band ? "Mark band " + band : "Below mark band 1";
  }

  function render() {
    var data = P.load();
    var done = {};
    var marks = {};
    rows.forEach(function (row) {
      var q = data.quizzes[key(row)];
      var cell = row.querySelector(".quiz-state");
      if (q) cell.textContent = "Quiz best " + q.best + " of " + q.total + " on " + formatDate(q.date);
      if (model.kind === "marks") {
        var m = data.marks[key(row)];
        var input = row.querySelector(".marks");
        if (document.activeElement !== input) input.value = m === undefined ? "" : String(m);
        if (m !== undefined) marks[row.dataset.criterion] = m;
        showBand(row, m);
        return;
      }
      var box = row.querySelector(".signed-off");
      box.checked = data.signedOff[key(row)] === true;
      done[row.dataset.criterion] = box.checked;
    });
    predicted.textContent = model.kind === "marks" ? total(marks) : grade(done);
    needed.textContent = "";
    if (model.kind !== "marks") {
      P.stillNeeded(P.unitSummary(unit, criteria, data)).forEach(function (line) {
        var li = document.createElement("li");
        li.textContent = line;
        needed.appendChild(li);
      });
    }
    if (window.UnitpressStatus) window.UnitpressStatus.refresh();
  }

  rows.forEach(function (row) {
    if (model.kind === "marks") {
      var input = row.querySelector(".marks");
      var max = criterionOf(row).max;
      input.addEventListener("input", function () {
        var mark = markOf(input, max);
        if (input.value.trim() === "") {
          P.setMarks(key(row), null);
        } else if (mark === null) {
          row.querySelector(".mark-band").textContent = "Enter a whole number from 0 to " + max;
          return;
        } else {
          P.setMarks(key(row), mark);
        }
        render();
      });
      return;
    }
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
        transferStatus.textContent = n.marks
          ? "Imported " + P.plural(n.quizzes, "quiz score", "quiz scores") + ", " + P.plural(n.signedOff, "sign-off", "sign-offs") + " and " + P.plural(n.marks, "mark", "marks") + "."
          : "Imported " + P.plural(n.quizzes, "quiz score", "quiz scores") + " and " + P.plural(n.signedOff, "sign-off", "sign-offs") + ".";
        render();
      } catch (err) {
        transferStatus.textContent = "That file is not a unitpress progress file, so nothing was imported.";
      }
    };
    reader.readAsText(file);
  });

  render();
})();
