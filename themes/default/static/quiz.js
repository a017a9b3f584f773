/* unitpress: the self-check quiz on a criterion page. Checks each answer as it is given,
   explains it, scores the quiz, lets the learner retry the questions they got wrong, and saves
   the best score. Options are shuffled on every attempt. The answers of an attempt in progress
   are kept in this browser (one draft per criterion), so a reload or a closed tab loses nothing.
   The best score counts whole attempts only: a retry of the wrong ones is practice, as its
   answers have been shown. */
(function () {
  "use strict";
  var quiz = document.querySelector(".quiz[data-quiz]");
  if (!quiz) return;
  var status = quiz.querySelector(".quiz-status");
  var summary = quiz.querySelector(".quiz-summary");
  var questions = [].slice.call(quiz.querySelectorAll(".question"));
  var DRAFT = "unitpress-quiz-draft-v1/" + quiz.dataset.quiz;
  /* The attempt: "full" or "retry" (of `retrying`), each question's result once checked, and
     the answers given, by control id. */
  var attempt = { mode: "full", retrying: [], results: {}, inputs: {}, compared: {} };
  var restoring = false;

  function all(el, selector) {
    return [].slice.call(el.querySelectorAll(selector));
  }

  function saveDraft() {
    if (restoring) return;
    try {
      window.localStorage.setItem(DRAFT, JSON.stringify(attempt));
    } catch (e) {
      // Storage full or refused: the quiz still works, it is only not kept.
    }
  }

  function loadDraft() {
    try {
      var d = JSON.parse(window.localStorage.getItem(DRAFT));
      if (d && (d.mode === "full" || d.mode === "retry") && d.results && d.inputs) return d;
    } catch (e) {
      // An unreadable draft is as good as none.
    }
    return null;
  }

  function clearDraft() {
    try {
      window.localStorage.removeItem(DRAFT);
    } catch (e) {
      // Nothing to clear.
    }
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
    if (restoring) return;
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

  /* Shows, or with no text hides, the message of a question checked before it was answered. */
  function error(q, text) {
    var box = q.querySelector(".q-error");
    var fieldset = q.querySelector("fieldset");
    box.textContent = text ? "Error: " + text : "";
    box.hidden = !text;
    q.classList.toggle("has-error", !!text);
    if (text) fieldset.setAttribute("aria-describedby", box.id);
    else fieldset.removeAttribute("aria-describedby");
  }

  function controls(q) {
    return all(q, "fieldset input, fieldset select, fieldset textarea");
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
    error(q, "");
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

  /* Keeps the answers given to question q so far. */
  function remember(q) {
    all(q, "input, select, textarea").forEach(function (el) {
      if (!el.id) return;
      var value = el.type === "radio" || el.type === "checkbox" ? el.checked : el.value;
      if (value === false || value === "") delete attempt.inputs[el.id];
      else attempt.inputs[el.id] = value;
    });
    saveDraft();
  }

  /* Marks a question answered, shows its verdict and explanation, and scores the quiz once
     every question has an answer. */
  function finish(q, right, detail) {
    attempt.results[q.id] = right;
    remember(q);
    if (window.UnitpressScorm && !restoring) UnitpressScorm.answered(quiz.dataset.quiz, q, right);
    q.classList.add("answered");
    controls(q).forEach(function (el) {
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
    if (!restoring) verdict.focus();
    announce("Question " + number(q) + ": " + (right ? "correct" : "not quite") + ". " + detail);
    if (!restoring && shown().every(function (x) { return x.id in attempt.results; })) score();
  }

  function shown() {
    return questions.filter(function (q) { return !q.hidden; });
  }

  /* Says, beside the question and aloud, what to do before checking. */
  function notYet(q, text) {
    error(q, text);
    announce(text);
    var first = q.querySelector("fieldset input, fieldset select, fieldset textarea");
    if (first) first.focus();
  }

  function checkChoice(q) {
    var options = all(q, ".option");
    if (!options.some(function (o) { return o.querySelector("input").checked; })) {
      return notYet(q, "Choose an answer to question " + number(q) + " first.");
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
      return notYet(q, "Make a choice for every item in question " + number(q) + " first.");
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
      return notYet(q, "Write your answer to question " + number(q) + " first.");
    }
    error(q, "");
    attempt.compared[q.id] = true;
    remember(q);
    q.querySelector("textarea").disabled = true;
    q.querySelector(".q-actions").hidden = true;
    var answer = q.querySelector(".answer");
    answer.hidden = false;
    answer.open = true;
    q.querySelector(".rate").hidden = false;
    if (!restoring) q.querySelector(".checklist input").focus();
    announce("Model answer shown for question " + number(q) + ". Tick each point your answer included, then save your rating.");
  }

  function rateWritten(q) {
    var boxes = all(q, ".checklist input");
    var ticked = boxes.filter(function (b) { return b.checked; }).length;
    q.querySelector(".rate").hidden = true;
    finish(q, ticked === boxes.length, "Your answer covered " + ticked + " of " + boxes.length + " points.");
  }

  function check(q) {
    var type = q.dataset.type;
    if (type === "match" || type === "order") checkSelects(q);
    else if (type === "written") checkWritten(q);
    else checkChoice(q);
  }

  function score() {
    var right = questions.filter(function (q) { return attempt.results[q.id]; }).length;
    var total = questions.length;
    var text = "You scored " + right + " out of " + total + ".";
    var rule;
    if (attempt.mode === "full") {
      var best = UnitpressProgress.recordQuiz(quiz.dataset.quiz, right, total);
      if (best) text += " Your best: " + best.best + " out of " + best.total + ".";
      rule = "Your best score counts whole attempts of the quiz only. Retrying the questions you got wrong is practice and does not change it; starting again is a new attempt.";
    } else {
      var saved = UnitpressProgress.load().quizzes[quiz.dataset.quiz];
      rule = "This round was practice, as the answers had been shown: your best score" + (saved ? " stays " + saved.best + " out of " + saved.total : " is unchanged") + ". Start again for an attempt that counts.";
    }
    clearDraft();
    summary.querySelector(".score").textContent = text;
    summary.querySelector(".score-rule").textContent = rule;
    summary.querySelector(".retry-wrong").hidden = right === total;
    summary.hidden = false;
    announce(text);
    if (window.UnitpressStatus) window.UnitpressStatus.refresh();
  }

  /* Starts a new attempt: of every question ("full") or of those answered wrongly ("retry"). */
  function begin(mode, retrying) {
    attempt = { mode: mode, retrying: retrying, results: {}, inputs: {}, compared: {} };
    if (mode === "retry") {
      questions.forEach(function (q) {
        if (retrying.indexOf(q.id) === -1) attempt.results[q.id] = true;
      });
    }
    questions.forEach(function (q) {
      q.hidden = mode === "retry" && retrying.indexOf(q.id) === -1;
      if (!q.hidden) prepare(q);
    });
  }

  function retry(mode) {
    var wrong = questions.filter(function (q) { return attempt.results[q.id] === false; }).map(function (q) { return q.id; });
    summary.hidden = true;
    begin(mode, mode === "retry" ? wrong : []);
    saveDraft();
    var first = shown()[0];
    if (first) first.querySelector("input, select, textarea").focus();
    announce(mode === "full" ? "Quiz restarted." : "Showing the questions you got wrong, for practice.");
  }

  /* Puts a saved attempt back: its questions, answers and checked results. */
  function restore(d) {
    restoring = true;
    begin(d.mode, d.retrying || []);
    attempt.results = {};
    attempt.inputs = d.inputs;
    attempt.compared = d.compared || {};
    questions.forEach(function (q) {
      if (q.hidden) {
        attempt.results[q.id] = true;
        return;
      }
      all(q, "input, select, textarea").forEach(function (el) {
        if (!(el.id in d.inputs)) return;
        if (el.type === "radio" || el.type === "checkbox") el.checked = d.inputs[el.id] === true;
        else el.value = String(d.inputs[el.id]);
      });
      if (q.id in d.results) {
        if (q.dataset.type === "written") {
          checkWritten(q);
          rateWritten(q);
        } else {
          check(q);
        }
      } else if (attempt.compared[q.id]) {
        checkWritten(q);
      }
    });
    restoring = false;
    if (shown().every(function (x) { return x.id in attempt.results; })) score();
  }

  questions.forEach(function (q) {
    prepare(q);
    q.querySelector(".check").addEventListener("click", function () { check(q); });
    var rate = q.querySelector(".rate");
    if (rate) rate.addEventListener("click", function () { rateWritten(q); });
    q.addEventListener("change", function () {
      if (q.classList.contains("answered")) return;
      error(q, "");
      remember(q);
    });
    q.addEventListener("input", function (e) {
      if (e.target.localName === "textarea" && !q.classList.contains("answered")) remember(q);
    });
  });
  summary.querySelector(".retry-wrong").addEventListener("click", function () { retry("retry"); });
  summary.querySelector(".restart").addEventListener("click", function () { retry("full"); });
  var draft = loadDraft();
  // A draft from before the quiz changed may name questions it no longer has.
  var known = draft && (draft.mode === "full" || (draft.retrying || []).some(function (id) { return document.getElementById(id); }));
  if (known) restore(draft);
})();
