/* unitpress: the self-check quiz on a criterion page. Checks each answer as it is given,
   explains it, scores the quiz, lets the learner retry the questions they got wrong, and
   saves the best score. Options are shuffled on every attempt. */
(function () {
  "use strict";
  var quiz = document.querySelector(".quiz[data-quiz]");
  if (!quiz) return;
  var status = quiz.querySelector(".quiz-status");
  var summary = quiz.querySelector(".quiz-summary");
  var questions = [].slice.call(quiz.querySelectorAll(".question"));
  var results = {};

  function all(el, selector) {
    return [].slice.call(el.querySelectorAll(selector));
  }

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    items.forEach(function (item) {
      item.parentNode.appendChild(item);
    });
  }

  function announce(text) {
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function setMark(option, text, right) {
    var mark = option.querySelector(".mark");
    mark.textContent = text;
    option.classList.toggle("is-right", right === true);
    option.classList.toggle("is-wrong", right === false);
  }

  /* Clears a question for a fresh attempt. */
  function prepare(q) {
    all(q, "input, select, textarea").forEach(function (el) {
      el.disabled = false;
      if (el.type === "radio" || el.type === "checkbox") el.checked = false;
      else el.value = "";
    });
    all(q, ".option").forEach(function (o) {
      if (o.querySelector(".mark")) setMark(o, "", null);
    });
    var answer = q.querySelector(".answer");
    answer.hidden = true;
    answer.open = false;
    q.querySelector(".verdict").hidden = true;
    q.querySelector(".q-actions").hidden = false;
    var rate = q.querySelector(".rate");
    if (rate) rate.hidden = true;
    q.classList.remove("answered");
    shuffle(all(q, "fieldset > .options > .option"));
    all(q, "select").forEach(function (s) {
      if (q.dataset.type === "match") shuffle([].slice.call(s.options, 1));
    });
  }

  function number(q) {
    return questions.indexOf(q) + 1;
  }

  /* Marks a question answered, shows its verdict and explanation, and scores the quiz once
     every question has an answer. */
  function finish(q, right, detail) {
    results[q.id] = right;
    if (window.UnitpressScorm) UnitpressScorm.answered(quiz.dataset.quiz, q, right);
    q.classList.add("answered");
    all(q, "fieldset input, fieldset select, fieldset textarea").forEach(function (el) {
      el.disabled = true;
    });
    q.querySelector(".q-actions").hidden = true;
    var verdict = q.querySelector(".verdict");
    verdict.textContent = (right ? "✓ Correct. " : "✗ Not quite. ") + detail;
    verdict.hidden = false;
    verdict.tabIndex = -1;
    var answer = q.querySelector(".answer");
    answer.hidden = false;
    answer.open = true;
    verdict.focus();
    announce("Question " + number(q) + ": " + (right ? "correct" : "not quite") + ". " + detail);
    if (questions.every(function (x) { return x.id in results; })) score();
  }

  function checkChoice(q) {
    var options = all(q, ".option");
    if (!options.some(function (o) { return o.querySelector("input").checked; })) {
      return announce("Choose an answer to question " + number(q) + " first.");
    }
    var right = true;
    options.forEach(function (o) {
      var correct = o.dataset.correct === "true";
      var chosen = o.querySelector("input").checked;
      if (chosen !== correct) right = false;
      if (correct) setMark(o, chosen ? "✓ Your choice: right" : "✓ Right answer", true);
      else if (chosen) setMark(o, "✗ Your choice: not right", false);
    });
    finish(q, right, right ? "See why below." : "The right answer is marked, and explained below.");
  }

  function checkSelects(q) {
    var rows = all(q, ".option");
    if (rows.some(function (r) { return r.querySelector("select").value === ""; })) {
      return announce("Make a choice for every item in question " + number(q) + " first.");
    }
    var wrong = 0;
    rows.forEach(function (r) {
      var ok = r.querySelector("select").value === r.dataset.answer;
      if (!ok) wrong++;
      setMark(r, ok ? "✓ Right" : "✗ Should be: " + r.dataset.answer, ok);
    });
    finish(q, wrong === 0, wrong === 0 ? "All in the right place." : wrong + " not in the right place.");
  }

  function checkWritten(q) {
    if (q.querySelector("textarea").value.trim() === "") {
      return announce("Write your answer to question " + number(q) + " first.");
    }
    q.querySelector("textarea").disabled = true;
    q.querySelector(".q-actions").hidden = true;
    var answer = q.querySelector(".answer");
    answer.hidden = false;
    answer.open = true;
    q.querySelector(".rate").hidden = false;
    q.querySelector(".checklist input").focus();
    announce("Model answer shown for question " + number(q) + ". Tick each point your answer included, then save your rating.");
  }

  function rateWritten(q) {
    var boxes = all(q, ".checklist input");
    var ticked = boxes.filter(function (b) { return b.checked; }).length;
    q.querySelector(".rate").hidden = true;
    finish(q, ticked === boxes.length, "Your answer covered " + ticked + " of " + boxes.length + " points.");
  }

  function score() {
    var right = questions.filter(function (q) { return results[q.id]; }).length;
    var total = questions.length;
    var best = UnitpressProgress.recordQuiz(quiz.dataset.quiz, right, total);
    var text = "You scored " + right + " out of " + total + ".";
    if (best) text += " Your best: " + best.best + " out of " + best.total + ".";
    summary.querySelector(".score").textContent = text;
    summary.querySelector(".retry-wrong").hidden = right === total;
    summary.hidden = false;
    announce(text);
  }

  function retry(which) {
    summary.hidden = true;
    var first = null;
    questions.forEach(function (q) {
      var again = which === "all" || results[q.id] === false;
      q.hidden = !again;
      if (!again) return;
      delete results[q.id];
      prepare(q);
      first = first || q;
    });
    if (first) first.querySelector("input, select, textarea").focus();
    announce(which === "all" ? "Quiz restarted." : "Showing the questions you got wrong.");
  }

  questions.forEach(function (q) {
    prepare(q);
    q.querySelector(".check").addEventListener("click", function () {
      var type = q.dataset.type;
      if (type === "match" || type === "order") checkSelects(q);
      else if (type === "written") checkWritten(q);
      else checkChoice(q);
    });
    var rate = q.querySelector(".rate");
    if (rate) rate.addEventListener("click", function () { rateWritten(q); });
  });
  summary.querySelector(".retry-wrong").addEventListener("click", function () { retry("wrong"); });
  summary.querySelector(".restart").addEventListener("click", function () { retry("all"); });
})();
