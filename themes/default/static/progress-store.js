/* unitpress: saved progress (best quiz scores, assessor sign-offs, marks) in localStorage, with
   export to and import from a JSON file. Browsers keep a separate store for each file opened
   from disk, so the file is how progress moves between pages, browsers and devices. */
var UnitpressProgress = (function () {
  "use strict";
  var KEY = "unitpress-progress-v1";

  function empty() {
    return { version: 1, quizzes: {}, signedOff: {}, marks: {} };
  }

  function clean(data) {
    var out = empty();
    if (!data || data.version !== 1) return out;
    var quizzes = data.quizzes || {};
    Object.keys(quizzes).forEach(function (key) {
      var q = quizzes[key];
      if (q && typeof q.best === "number" && typeof q.total === "number" && q.total > 0) {
        out.quizzes[key] = { best: q.best, total: q.total, date: String(q.date || "") };
      }
    });
    Object.keys(data.signedOff || {}).forEach(function (key) {
      if (data.signedOff[key] === true) out.signedOff[key] = true;
    });
    var marks = data.marks || {};
    Object.keys(marks).forEach(function (key) {
      var m = marks[key];
      if (typeof m === "number" && m >= 0 && Math.floor(m) === m) out.marks[key] = m;
    });
    return out;
  }

  /* Inside an LMS, the SCORM adapter (scorm.js) keeps progress in the LMS instead. */
  function store() {
    return window.UnitpressScorm || window.localStorage;
  }

  function load() {
    try {
      return clean(JSON.parse(store().getItem(KEY)));
    } catch (e) {
      return empty();
    }
  }

  function save(data) {
    try {
      store().setItem(KEY, JSON.stringify(data));
      return true;
    } catch (e) {
      return false;
    }
  }

  function better(a, b) {
    return !b || a.best / a.total > b.best / b.total;
  }

  /* Keeps a quiz result if it beats the saved best. Returns the best result. */
  function recordQuiz(key, score, total) {
    var data = load();
    var result = { best: score, total: total, date: new Date().toISOString().slice(0, 10) };
    if (better(result, data.quizzes[key])) data.quizzes[key] = result;
    save(data);
    return data.quizzes[key];
  }

  function setSignedOff(key, on) {
    var data = load();
    if (on) data.signedOff[key] = true;
    else delete data.signedOff[key];
    save(data);
  }

  /* Keeps the marks of one marking criterion; null forgets them. */
  function setMarks(key, marks) {
    var data = load();
    if (marks === null) delete data.marks[key];
    else data.marks[key] = marks;
    save(data);
  }

  function exportText() {
    return JSON.stringify(load(), null, 2);
  }

  /* Merges a file's progress into this browser's: the better score of each quiz, every
     sign-off from either, and the file's marks where it has them. Throws on a file that is not
     unitpress progress. */
  function importText(text) {
    var parsed = JSON.parse(text);
    if (!parsed || parsed.version !== 1) throw new Error("not a unitpress progress file");
    var incoming = clean(parsed);
    var data = load();
    Object.keys(incoming.quizzes).forEach(function (key) {
      if (better(incoming.quizzes[key], data.quizzes[key])) data.quizzes[key] = incoming.quizzes[key];
    });
    Object.keys(incoming.signedOff).forEach(function (key) {
      data.signedOff[key] = true;
    });
    Object.keys(incoming.marks).forEach(function (key) {
      data.marks[key] = incoming.marks[key];
    });
    save(data);
    return {
      quizzes: Object.keys(incoming.quizzes).length,
      signedOff: Object.keys(incoming.signedOff).length,
      marks: Object.keys(incoming.marks).length
    };
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /* "P1", "P1 and P2", "P1, P2 and P3". */
  function list(ids) {
    return ids.length < 2 ? ids.join("") : ids.slice(0, -1).join(", ") + " and " + ids[ids.length - 1];
  }

  /* A unit's criteria as an element's data-criteria lists them ("P1:pass M1:merit", or
     "1.1: 1.2:" in an ungraded unit): [{id, band}]. */
  function parseCriteria(code) {
    return String(code || "").split(/\s+/).filter(Boolean).map(function (token) {
      var at = token.lastIndexOf(":");
      return at < 0 ? { id: token, band: "" } : { id: token.slice(0, at), band: token.slice(at + 1) };
    });
  }

  /* What the saved progress says of unit `unit`, whose criteria are `criteria`: each one's best
     quiz score and sign-off, how many are signed off and tried, the grade the sign-offs earn, and
     for each grade the criteria still missing for it (a merit needs every pass and merit
     criterion, a distinction all of them; an ungraded unit is met when every criterion is). */
  function unitSummary(unit, criteria, data) {
    data = data || load();
    var graded = criteria.some(function (c) { return c.band; });
    var grades = graded ? ["pass", "merit", "distinction"] : ["met"];
    var states = {};
    var signed = 0;
    var tried = 0;
    criteria.forEach(function (c) {
      var key = unit + "/" + c.id;
      var state = { quiz: data.quizzes[key] || null, signedOff: data.signedOff[key] === true };
      states[c.id] = state;
      if (state.signedOff) signed++;
      if (state.quiz) tried++;
    });
    var missing = {};
    var grade = "";
    grades.forEach(function (g, i) {
      missing[g] = criteria.filter(function (c) {
        return !states[c.id].signedOff && (!graded || grades.indexOf(c.band) <= i);
      }).map(function (c) { return c.id; });
      if (!missing[g].length) grade = g;
    });
    return { graded: graded, grades: grades, states: states, signed: signed, tried: tried, total: criteria.length, grade: grade, missing: missing };
  }

  var GRADE_NAMES = { pass: "Pass", merit: "Merit", distinction: "Distinction", met: "Met" };

  /* The predicted grade, or an ungraded unit's status, in words: "Merit", "Not yet a pass",
     "Met", "Not yet met". */
  function gradeText(s) {
    if (!s.graded) return s.grade ? "Met" : "Not yet met";
    return s.grade ? GRADE_NAMES[s.grade] : "Not yet a pass";
  }

  /* Criteria ids as a list when there are a few, else how many. */
  function few(ids) {
    return ids.length > 6 ? plural(ids.length, "criterion", "criteria") : list(ids);
  }

  /* For each grade not reached yet, what it still needs: the first in full, each one above it
     by what it adds ("For Pass: P3 and P4", "For Merit: also M2", "For Distinction: also D1"). */
  function stillNeeded(s) {
    var lower = null;
    return s.grades.filter(function (g) { return s.missing[g].length; }).map(function (g) {
      var own = lower ? s.missing[g].filter(function (id) { return s.missing[lower].indexOf(id) === -1; }) : s.missing[g];
      var text = !s.graded ? "Still to be met: " + few(own)
        : "For " + GRADE_NAMES[g] + ": " + (lower ? (own.length ? "also " + few(own) : "nothing more") : few(own));
      lower = g;
      return text;
    });
  }

  return {
    plural: plural,
    parseCriteria: parseCriteria,
    unitSummary: unitSummary,
    gradeText: gradeText,
    stillNeeded: stillNeeded,
    load: load,
    recordQuiz: recordQuiz,
    setSignedOff: setSignedOff,
    setMarks: setMarks,
    exportText: exportText,
    importText: importText
  };
})();
