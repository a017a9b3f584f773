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

  return {
    load: load,
    recordQuiz: recordQuiz,
    setSignedOff: setSignedOff,
    setMarks: setMarks,
    exportText: exportText,
    importText: importText
  };
})();
