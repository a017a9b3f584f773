/* unitpress: what every page does. Loaded in <head> as a classic script, so it can mark the page
   as scripted before it is drawn (the phone menu then starts closed, with no flash); the rest
   waits for the document: the unit menu, embedded videos' play buttons, and the learner's
   status (from the progress saved in this browser, see progress-store.js) wherever the page has
   a place for it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function all(selector, root) {
    return [].slice.call((root || document).querySelectorAll(selector));
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  /* The phone menu: a disclosure button before the unit's navigation. Escape closes it and
     returns to the button. */
  function menu() {
    var button = document.querySelector(".menu-button");
    var nav = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) return;
    button.hidden = false;
    function set(open) {
      nav.classList.toggle("open", open);
      button.setAttribute("aria-expanded", String(open));
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    [button, nav].forEach(function (target) {
      target.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && nav.classList.contains("open")) {
          set(false);
          button.focus();
        }
      });
    });
    // In the sidebar of a wide screen, the current page's link is scrolled into sight when the
    // list is longer than the screen and it would be below the fold.
    var current = nav.querySelector('[aria-current="page"]');
    if (current && nav.scrollHeight > nav.clientHeight && current.offsetTop + current.offsetHeight > nav.clientHeight) {
      nav.scrollTop = Math.max(0, current.offsetTop - nav.clientHeight / 3);
    }
  }

  /* One criterion's status: signed off, else its best quiz score, else (once the learner has
     begun the unit) not started. In the sidebar it is short, with the words for screen readers. */
  function paint(target, state, graded, short, started) {
    target.textContent = "";
    target.className = "status";
    if (!state) return;
    var done = graded ? "signed off" : "met";
    var words;
    var shown;
    if (state.signedOff) {
      target.classList.add("is-done");
      words = done;
      shown = "✓";
    } else if (state.quiz) {
      target.classList.add("is-quiz");
      words = "quiz best " + state.quiz.best + " of " + state.quiz.total;
      shown = state.quiz.best + "/" + state.quiz.total;
    } else if (!short && started) {
      words = "not started";
    }
    if (!words) return;
    if (short) {
      var visible = el("span", "", shown);
      visible.setAttribute("aria-hidden", "true");
      target.appendChild(visible);
      target.appendChild(el("span", "visually-hidden", " " + words));
    } else {
      target.textContent = words.charAt(0).toUpperCase() + words.slice(1);
    }
  }

  function bar(done, total) {
    var outer = el("span", "progress-bar");
    outer.setAttribute("aria-hidden", "true");
    var inner = el("span");
    inner.style.width = (total ? Math.round((100 * done) / total) : 0) + "%";
    outer.appendChild(inner);
    return outer;
  }

  /* A unit's progress in a few words: on the home page's cards (compact) and on the unit's
     dashboard, where it also says what the next grade needs. */
  function summary(target, s, P) {
    target.textContent = "";
    var compact = target.classList.contains("unit-progress");
    var counts = s.signed + " of " + P.plural(s.total, "criterion", "criteria") + " " + (s.graded ? "signed off" : "met");
    var quizzes = P.plural(s.tried, "quiz", "quizzes") + " tried";
    if (compact) {
      if (!s.signed && !s.tried) {
        target.appendChild(el("p", "", "Not started yet"));
        target.hidden = false;
        return;
      }
      target.appendChild(el("p", "", counts + " · " + quizzes + " · " + P.gradeText(s)));
    } else {
      var line = el("p");
      line.appendChild(el("strong", "", "Your record: "));
      line.appendChild(document.createTextNode(counts + ", " + quizzes + ". " + (s.graded ? "Predicted grade: " + P.gradeText(s) : "Unit: " + P.gradeText(s).toLowerCase()) + "."));
      target.appendChild(line);
      // What the next grade needs; for an ungraded unit only once it is a short list.
      var next = P.stillNeeded(s)[0];
      if (next && (s.graded || s.missing.met.length <= 6)) target.appendChild(el("p", "", next + "."));
    }
    target.appendChild(bar(s.signed, s.total));
    target.hidden = false;
  }

  /* Fills every status on the page from saved progress. */
  function statuses() {
    var P = window.UnitpressProgress;
    if (!P) return;
    var data = P.load();
    all("[data-progress-unit]").forEach(function (box) {
      var s = P.unitSummary(box.getAttribute("data-progress-unit"), P.parseCriteria(box.getAttribute("data-criteria")), data);
      var short = box.classList.contains("unit-nav");
      all("[data-status-of]", box).forEach(function (target) {
        paint(target, s.states[target.getAttribute("data-status-of")], s.graded, short, s.signed + s.tried > 0);
      });
      var place = box.hasAttribute("data-progress-summary") ? box : box.querySelector("[data-progress-summary]");
      if (place) summary(place, s, P);
    });
    all("[data-progress-note]").forEach(function (note) { note.hidden = false; });
  }

  /* Embedded videos (a figure with data-video-player): nothing is loaded from YouTube or Vimeo
     until the learner presses the play button. Then the player takes the button's place and
     the keyboard focus, so that the keys at once reach its controls. Only the two privacy
     domains' player addresses are ever loaded. */
  var PLAYER = /^https:\/\/(www\.youtube-nocookie\.com\/embed|player\.vimeo\.com\/video)\/[\w-]+\?[\w=&-]*$/;
  function videos() {
    all("figure[data-video-player]").forEach(function (figure) {
      var button = figure.querySelector(".video-play");
      var address = figure.getAttribute("data-video-player");
      if (!button || !PLAYER.test(address)) return;
      button.addEventListener("click", function () {
        var frame = document.createElement("iframe");
        frame.src = address;
        frame.title = figure.getAttribute("data-video-title") || "Video";
        frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture; encrypted-media");
        frame.setAttribute("allowfullscreen", "");
        frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
        button.parentNode.replaceChild(frame, button);
        frame.focus();
      });
    });
  }

  window.UnitpressStatus = { refresh: statuses };
  document.addEventListener("DOMContentLoaded", function () {
    menu();
    statuses();
    videos();
  });
  // Progress saved in another tab, or this page shown again from the back button's cache.
  window.addEventListener("storage", statuses);
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) statuses();
  });
})();
