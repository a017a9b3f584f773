/* unitpress: the SCORM 1.2 adapter. In a SCORM package (unitpress export scorm) each unit
   starts at a launch page, scorm/<unit>.html, that shows the unit's pages in a frame. There this
   script finds the LMS's API, opens the session once, keeps the unit's quiz scores and
   sign-offs in cmi.suspend_data, reports the score, the status and each answer, commits when a
   quiz is scored or the page is hidden (not on every answer), and finishes when the page goes.
   On the site's pages inside that frame it hands quiz results up to the launch page. Anywhere
   else (opened from disk, on a web server, in a new tab) UnitpressScorm is null and the site
   keeps progress in the browser as before. */
var UnitpressScorm = (function () {
  "use strict";
  var KEY = "unitpress-progress-v1";
  var LIMIT = 4096;
  var DAY = 86400000;
  var script = document.currentScript;
  if (script && script.dataset.unit) return session(script.dataset.unit, script.dataset.criteria || "");
  return framed();

  /* On a page in a launch page's frame: passes strings up to its session. */
  function framed() {
    var up = null;
    try {
      if (window.parent !== window && window.parent.UnitpressScorm && window.parent.UnitpressScorm.isSession) {
        up = window.parent.UnitpressScorm;
      }
    } catch (e) {
      return null; /* another origin, or a page opened from disk */
    }
    if (!up) return null;
    return {
      getItem: function (key) { return up.getItem(key); },
      setItem: function (key, value) { up.setItem(key, String(value)); },
      answered: function (quizKey, question, right) {
        var a = describe(quizKey, question, right);
        up.record(a.id, a.type, a.response, a.result);
      }
    };
  }

  /* The SCORM 1.2 API of the LMS: in a window above this one, or above the one that opened it. */
  function findApi() {
    function up(win) {
      for (var i = 0; win && i < 10; i++) {
        try {
          if (win.API) return win.API;
          if (win.parent === win) return null;
          win = win.parent;
        } catch (e) {
          return null;
        }
      }
      return null;
    }
    var opener = null;
    try { opener = window.top.opener; } catch (e) { opener = null; }
    return up(window) || up(window.opener) || up(opener);
  }

  /* The launch page's session with the LMS. */
  function session(unit, criteriaText) {
    var api = findApi();
    if (!api || String(api.LMSInitialize("")) !== "true") return null;
    var criteria = criteriaText.split(/\s+/).filter(Boolean).map(function (pair) {
      var at = pair.lastIndexOf(":");
      return { id: pair.slice(0, at), questions: parseInt(pair.slice(at + 1), 10) || 0 };
    });
    var state = decode(String(api.LMSGetValue("cmi.suspend_data") || ""));
    var saved = encode(state);
    var interactions = parseInt(api.LMSGetValue("cmi.interactions._count"), 10) || 0;
    var started = Date.now();
    var dirty = false, timer = null, finished = false;

    function set(name, value) {
      if (String(api.LMSGetValue(name)) !== String(value)) {
        api.LMSSetValue(name, String(value));
        dirty = true;
      }
    }

    function quizzed() {
      return criteria.filter(function (c) { return c.questions > 0; });
    }

    /* Score: the share of the unit's questions answered right at each quiz's best attempt.
       Status: completed once every quiz has been taken. */
    function report() {
      var all = quizzed();
      var total = 0, right = 0;
      all.forEach(function (c) {
        total += c.questions;
        if (state.quizzes[c.id]) right += state.quizzes[c.id].best;
      });
      var done = all.every(function (c) { return state.quizzes[c.id]; });
      var status = String(api.LMSGetValue("cmi.core.lesson_status"));
      if (status !== "passed" && status !== "failed") set("cmi.core.lesson_status", done ? "completed" : "incomplete");
      if (total > 0) {
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", Math.round((100 * right) / total));
      }
    }

    function commit() {
      window.clearTimeout(timer);
      timer = null;
      if (dirty && !finished) {
        api.LMSCommit("");
        dirty = false;
      }
    }

    /* LMSFinish stores what was set since the last commit. */
    function finish() {
      if (finished) return;
      window.clearTimeout(timer);
      finished = true;
      api.LMSSetValue("cmi.core.exit", "suspend");
      api.LMSSetValue("cmi.core.session_time", timespan(Date.now() - started));
      api.LMSFinish("");
    }

    /* Compact state: "1|P1:5:7:k3f,P2:7:7:k3g|P1,M2", numbers in base 36 (scores, then the day
       since 1970). Criterion ids hold only letters, digits and dots. */
    function encode(s) {
      var quizzes = [], signed = [];
      criteria.forEach(function (c) {
        var q = s.quizzes[c.id];
        if (q) quizzes.push([c.id, q.best.toString(36), q.total.toString(36), q.day.toString(36)].join(":"));
        if (s.signed[c.id]) signed.push(c.id);
      });
      return "1|" + quizzes.join(",") + "|" + signed.join(",");
    }

    function decode(text) {
      var s = { quizzes: {}, signed: {} };
      var parts = text.split("|");
      if (parts[0] !== "1" || parts.length !== 3) return s;
      parts[1].split(",").forEach(function (entry) {
        var f = entry.split(":");
        if (f.length === 4) keep(s, f[0], parseInt(f[1], 36), parseInt(f[2], 36), parseInt(f[3], 36));
      });
      parts[2].split(",").forEach(function (id) {
        if (known(id)) s.signed[id] = true;
      });
      return s;
    }

    function known(id) {
      return criteria.some(function (c) { return c.id === id; });
    }

    /* A result, scaled to the quiz as it is now, so that every number stays as short as the
       package's manifest allows for. */
    function keep(s, id, best, total, day) {
      var c = criteria.filter(function (x) { return x.id === id && x.questions > 0; })[0];
      if (!c || !(total > 0) || !(best >= 0) || !(day >= 0)) return;
      s.quizzes[id] = {
        best: Math.min(c.questions, Math.round((best / total) * c.questions)),
        total: c.questions,
        day: Math.min(day, 1679615)
      };
    }

    function getItem(key) {
      if (key !== KEY) return null;
      var data = { version: 1, quizzes: {}, signedOff: {} };
      Object.keys(state.quizzes).forEach(function (id) {
        var q = state.quizzes[id];
        data.quizzes[unit + "/" + id] = { best: q.best, total: q.total, date: new Date(q.day * DAY).toISOString().slice(0, 10) };
      });
      Object.keys(state.signed).forEach(function (id) { data.signedOff[unit + "/" + id] = true; });
      return JSON.stringify(data);
    }

    /* Progress saved by the page: this unit's part goes to the LMS (another unit's progress
       belongs to that unit's SCO). */
    function setItem(key, value) {
      if (key !== KEY) return;
      var data;
      try { data = JSON.parse(value); } catch (e) { return; }
      var next = { quizzes: {}, signed: {} };
      var prefix = unit + "/";
      Object.keys((data && data.quizzes) || {}).forEach(function (k) {
        var q = data.quizzes[k];
        var day = Math.floor(Date.parse(String(q.date) + "T00:00:00Z") / DAY);
        if (k.indexOf(prefix) === 0) keep(next, k.slice(prefix.length), q.best, q.total, isNaN(day) ? 0 : day);
      });
      Object.keys((data && data.signedOff) || {}).forEach(function (k) {
        var id = k.slice(prefix.length);
        if (k.indexOf(prefix) === 0 && known(id)) next.signed[id] = true;
      });
      var text = encode(next);
      if (text.length > LIMIT) return;
      state = next;
      if (text !== saved) {
        api.LMSSetValue("cmi.suspend_data", text);
        saved = text;
        dirty = true;
      }
      report();
      window.clearTimeout(timer);
      timer = window.setTimeout(commit, 1000);
    }

    /* One answer, as a SCORM interaction: kept by the LMS at the next commit. */
    function record(id, type, response, result) {
      var n = "cmi.interactions." + interactions++ + ".";
      api.LMSSetValue(n + "id", id);
      api.LMSSetValue(n + "type", type);
      api.LMSSetValue(n + "student_response", response);
      api.LMSSetValue(n + "result", result);
      api.LMSSetValue(n + "time", new Date().toTimeString().slice(0, 8));
      dirty = true;
    }

    report();
    window.addEventListener("pagehide", finish);
    window.addEventListener("unload", finish);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") commit();
    });
    return { isSession: true, getItem: getItem, setItem: setItem, record: record };
  }

  /* An answer as SCORM 1.2 writes it: options as letters in the order the quiz file lists them,
     true/false as t or f, matches as "1.b", orders as the items chosen first to last. */
  function describe(quizKey, q, right) {
    var criterion = quizKey.slice(quizKey.indexOf("/") + 1);
    var id = (criterion + "-" + q.id.replace(/^q-/, "")).toLowerCase().replace(/[^a-z0-9-]/g, "-");
    var type = q.dataset.type;
    var box = q.querySelector("fieldset");
    var checked = [].slice.call(box.querySelectorAll("input")).filter(function (i) { return i.checked; });
    var rows = [].slice.call(box.querySelectorAll(".option")).sort(function (a, b) {
      return number(a) - number(b);
    });
    var kind = "performance", response = "";
    if (type === "single" || type === "multiple") {
      kind = "choice";
      response = checked.map(function (i) { return letter(Number(i.value) - 1); }).join(",");
    } else if (type === "truefalse") {
      kind = "true-false";
      response = checked.length && checked[0].value === "true" ? "t" : "f";
    } else if (type === "match") {
      kind = "matching";
      var answers = rows.map(function (r) { return r.dataset.answer; });
      response = rows.map(function (r, i) {
        return i + 1 + "." + letter(answers.indexOf(r.querySelector("select").value));
      }).join(",");
    } else if (type === "order") {
      kind = "sequencing";
      response = rows.slice().sort(function (a, b) {
        return Number(a.querySelector("select").value) - Number(b.querySelector("select").value);
      }).map(function (r) { return letter(Number(r.dataset.answer) - 1); }).join(",");
    } else {
      var ticks = [].slice.call(q.querySelectorAll(".checklist input"));
      response = ticks.filter(function (t) { return t.checked; }).length + "/" + ticks.length;
    }
    return { id: id.slice(0, 255), type: kind, response: response.slice(0, 255), result: right ? "correct" : "wrong" };
  }

  /* A row's place in the quiz file: its control's id ends in it. */
  function number(row) {
    var control = row.querySelector("select, input");
    return control ? Number(control.id.slice(control.id.lastIndexOf("-") + 1)) : 0;
  }

  function letter(i) {
    return i >= 0 && i < 26 ? "abcdefghijklmnopqrstuvwxyz".charAt(i) : String(i + 1);
  }

  function timespan(ms) {
    var s = Math.floor(ms / 1000);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(Math.min(9999, Math.floor(s / 3600))) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }
})();
