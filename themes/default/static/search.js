/* unitpress search. Every page loads this small script; the search engine (elasticlunr.js and
   the index's scripts: search-codes.js, search-results.js, search-index.js) and the manifest
   load only when the learner first focuses a search box or opens the search page. The index is
   the whole course's, in parts: a query loads the parts of its terms and the field lengths of
   what it could find, then the data of the results shown. They are classic scripts, so search
   works from disk (file://) as well as from a server. The header box and the search page search
   every unit unless a unit is chosen (the header's "Only <unit>" box, the page's unit filter).
   The header box is here; the search page has a script of its own, search-page.js, which works
   through UnitpressSearchUI. */
(function () {
  "use strict";
  var me = document.currentScript;
  var root = me.getAttribute("data-root") || "";
  /* Every address comes from the site (its routes), never spelled here: the engine's scripts
     (elasticlunr.js, then search-codes.js, search-results.js and search-index.js, each needing
     those before it) and the manifest from this tag; the parts of the index and the word list
     from the manifest. */
  var ENGINE = me.getAttribute("data-engine").split(" ");
  var MANIFEST = me.getAttribute("data-manifest");
  var SEARCH_PAGE = me.getAttribute("data-search-page");
  var pageUnit = me.getAttribute("data-unit") || "";
  var manifest = null;
  var engine = null;
  var words = [];
  var loading = {};
  var FIELDS = { title: { boost: 3 }, body: { boost: 1 }, unit: { boost: 0.5 }, kind: { boost: 0.5 } };
  var CRITERION_ID = /^([pmdk]\d{1,2}|\d{1,2}\.\d{1,2})$/i;

  /* Loads a script once. `inOrder`: it runs after those loaded before it with inOrder, though
     all of them are read at once. */
  function load(src, inOrder) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        if (inOrder) s.async = false;
        s.src = root + src;
        s.onload = resolve;
        s.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  }

  /* Loads the engine, the reader and the manifest and, for `query`, the parts of the index it
     needs within the units `slugs` (all units when empty): those of its terms and the lengths
     of the documents searched. */
  function ready(slugs, query) {
    var rounds = 0;
    function more() {
      var missing = query ? engine.needs(query, slugs.length ? slugs[0] : "") : [];
      if (!missing.length) return null;
      // Each round loads what the last one showed is needed; a part that does not take its
      // place would ask again.
      if (++rounds > 3) throw new Error("the search index is incomplete");
      return Promise.all(missing.map(load)).then(more);
    }
    // Each of the engine's scripts needs those before it, and the manifest all of them: read at
    // once, run in that order. The vocabulary of the result data is read beside the index's
    // parts, so that the results' data need not wait for it once they are ranked.
    return Promise.all(ENGINE.concat([MANIFEST]).map(function (src) { return load(src, true); })).then(function () {
      if (query) load(manifest.vocabulary).catch(function () {});
      return more();
    });
  }

  /* Loads the titles, addresses and snippets of `results` (those about to be shown). */
  function details(results) {
    return Promise.all(engine.docScripts(results).map(load)).then(function () {
      engine.fill(results);
      mark("unitpress-search-details");
      return results;
    });
  }

  /* A performance mark, for bench/search_time.mjs. */
  function mark(name) {
    if (window.performance && performance.mark) performance.mark(name);
  }

  function unitLabel(slug) {
    return engine ? engine.label(slug) : slug;
  }

  /* Results for `query` over the course (or unit `only`), best first, once ready() has loaded
     what it needs; each result's doc has its kind, and its title, address and snippet once
     details() has loaded them. A criterion id in the query ("P4", "unit 10 p4", "1.3") puts that
     criterion first. */
  function search(query, only, kind) {
    var found = engine.search(query, only, kind, pageUnit);
    mark("unitpress-search-ranked");
    return found;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* A word of the course close to `word`, for "did you mean". Ties go to a word of the same
     length (a mistyped letter), then to the first in alphabetical order. */
  function suggest(word) {
    word = word.toLowerCase();
    var best = null;
    var bestDistance = 3;
    words.forEach(function (w) {
      if (Math.abs(w.length - word.length) > bestDistance || w === word) return;
      var d = distance(word, w);
      var sameLength = w.length === word.length && (!best || best.length !== word.length);
      if (d < bestDistance || (d === bestDistance && sameLength)) { best = w; bestDistance = d; }
    });
    return best;
  }

  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var prev = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var keep = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = keep;
      }
    }
    return row[b.length];
  }

  function kindLabel(doc) {
    return manifest ? manifest.kinds[doc.kind].label : "";
  }

  /* Where a result sits: its unit, its kind and, for a section, its page. */
  function meta(r) {
    return unitLabel(r.unit) + " · " + kindLabel(r.doc) + (r.doc.page ? " · " + r.doc.page : "");
  }

  /* What the search page's own script (search-page.js) works with. */
  window.UnitpressSearchUI = {
    root: root,
    ready: ready,
    search: search,
    details: details,
    didYouMean: didYouMean,
    unitLabel: unitLabel,
    meta: meta,
    escapeHtml: escapeHtml
  };

  /* The index's scripts call these. */
  window.UnitpressSearch = {
    setManifest: function (m) {
      manifest = m;
      engine = window.UnitpressIndex.create(m, FIELDS, CRITERION_ID);
    },
    setWords: function (w) { words = w.split(" "); },
    addTerms: function (n, data) { engine.addTerms(n, data); },
    addLengths: function (n, data) { engine.addLengths(n, data); },
    addDocs: function (n, data) { engine.addDocs(n, data); },
    setVocabulary: function (tables) { engine.setVocabulary(tables); },
    addCriterion: function (n, docs) { engine.addCriterion(n, docs); }
  };

  /* "Did you mean" for `q`: each word that is not a criterion id, replaced by the closest word
     of the course when one is close. Null when nothing would change. Loads the word list. */
  function didYouMean(q) {
    return load(manifest.words).then(function () {
      var better = q.split(/\s+/).map(function (w) { return CRITERION_ID.test(w) ? w : suggest(w) || w; }).join(" ");
      return better.toLowerCase() !== q.toLowerCase() ? better : null;
    });
  }

  function searchUrl(q, unit) {
    return root + SEARCH_PAGE + "?q=" + encodeURIComponent(q) + (unit ? "&unit=" + encodeURIComponent(unit) : "");
  }

  /* How long the header box waits, after a keystroke that ends the query with a word of one
     letter, before it searches: longer than most people take between two letters. */
  var ONE_LETTER_WAIT = 200;

  /* The search box in every page's header: a combobox listing the best matches as you type,
     from the whole course unless "Only <unit>" is ticked. */
  function headerBox(form) {
    var input = form.querySelector("input[role=combobox]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    var only = form.querySelector("input[name=unit]");
    var active = -1;
    var latest = 0;

    function scope() {
      return only && only.checked ? only.value : "";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function option(html, href, className) {
      var li = document.createElement("li");
      li.id = "site-search-option-" + list.children.length;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", href);
      if (className) li.className = className;
      li.innerHTML = html;
      list.appendChild(li);
    }

    function show() {
      var q = input.value.trim();
      var unit = scope();
      var mine = ++latest;
      if (q.length < 2) { close(); status.textContent = ""; return; }
      // A last word of one letter begins a tenth of the course's terms, every one of which the
      // engine scores: searched at once, it holds up the next keystroke. While the learner
      // types on, it is never searched; a pause searches it.
      var wait = /(^|\s)\S$/.test(q) ? ONE_LETTER_WAIT : 0;
      new Promise(function (resolve) { setTimeout(resolve, wait); }).then(function () {
        if (mine !== latest) return false;
        return ready(unit ? [unit] : [], q).then(function () { return true; });
      }).then(function (go) {
        if (!go || mine !== latest || document.activeElement !== input) return null;
        var found = search(q, unit, "");
        if (found.length) return details(found.slice(0, 8)).then(function (shown) { return { found: shown, better: null }; });
        return didYouMean(q).then(function (better) { return { found: found, better: better }; });
      }).then(function (r) {
        if (!r || mine !== latest || document.activeElement !== input) return;
        var where = unit ? unitLabel(unit) : "the course";
        list.innerHTML = "";
        r.found.slice(0, 8).forEach(function (x) {
          option(escapeHtml(x.doc.title) + ' <span class="result-meta">' + escapeHtml(meta(x)) + "</span>", root + x.doc.url);
        });
        if (r.better) option("Did you mean “" + escapeHtml(r.better) + "”?", searchUrl(r.better, unit), "option-suggest");
        option("Search " + escapeHtml(where) + " for “" + escapeHtml(q) + "”", searchUrl(q, unit));
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
        var n = Math.min(r.found.length, 8);
        status.textContent = n ? n + (n === 1 ? " suggestion" : " suggestions") + " from " + where + ". Use the arrow keys to choose." :
          "No matches in " + where + "." + (r.better ? " Did you mean " + r.better + "?" : "");
      });
    }

    function move(by) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      if (active >= 0) options[active].setAttribute("aria-selected", "false");
      active = (active + by + options.length) % options.length;
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
    }

    input.addEventListener("focus", function () { ready(scope() ? [scope()] : []); }, { once: true });
    input.addEventListener("input", show);
    // Suggestions made for the other scope are stale; the next keystroke brings new ones.
    if (only) only.addEventListener("change", close);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) show(); else move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        window.location.href = list.querySelectorAll("[role=option]")[active].getAttribute("data-href");
      }
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    list.addEventListener("click", function (e) {
      var chosen = e.target.closest("[role=option]");
      if (chosen) window.location.href = chosen.getAttribute("data-href");
    });
    input.addEventListener("blur", close);
  }

  var box = document.querySelector("form.site-search");
  if (box) headerBox(box);
})();
