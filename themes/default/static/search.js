/* unitpress search. Every page loads this small script; the search engine (elasticlunr.js), the
   index reader (search-index.js) and the manifest load only when the learner first focuses a
   search box or opens the search page. The index is the whole course's, in parts: a query loads
   the parts of its terms, the field lengths of what it finds and the data of the results shown
   (search-index.js). They are classic scripts, so search works from disk (file://) as well as
   from a server. */
(function () {
  "use strict";
  var me = document.currentScript;
  var root = me.getAttribute("data-root") || "";
  /* Every address comes from the site (its routes), never spelled here: the engine, the index
     reader and the manifest from this tag; the parts of the index and the word list from the
     manifest. */
  var ENGINE = me.getAttribute("data-engine");
  var READER = me.getAttribute("data-reader");
  var MANIFEST = me.getAttribute("data-manifest");
  var SEARCH_PAGE = me.getAttribute("data-search-page");
  var pageUnit = me.getAttribute("data-unit") || "";
  var manifest = null;
  var engine = null;
  var words = [];
  var loading = {};
  var FIELDS = { title: { boost: 3 }, body: { boost: 1 }, unit: { boost: 0.5 }, kind: { boost: 0.5 } };
  var CRITERION_ID = /^([pmdk]\d{1,2}|\d{1,2}\.\d{1,2})$/i;
  /* Results shown at a time on the search page: only theirs are loaded. */
  var PAGE_SIZE = 20;

  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + src;
        s.onload = resolve;
        s.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  }

  /* Loads the engine, the reader and the manifest and, for `query`, the parts of the index it
     needs within the units `slugs` (all units when empty): those of its terms, then the lengths
     of what they find. */
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
    return load(ENGINE)
      .then(function () { return load(READER); })
      .then(function () { return load(MANIFEST); })
      .then(more);
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

  /* The text, escaped, with each word that starts like a query word marked. Words are found
     in the raw text, so an entity such as &quot; is never cut by a mark. */
  function highlight(text, query) {
    var stems = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; }).map(function (w) {
      return w.replace(/[^a-z0-9]/g, "").slice(0, Math.max(3, w.length - 2));
    }).filter(Boolean);
    return text.split(/([A-Za-z0-9]+)/).map(function (part, i) {
      var lower = part.toLowerCase();
      var hit = i % 2 === 1 && stems.some(function (s) { return lower.indexOf(s) === 0; });
      return hit ? "<mark>" + escapeHtml(part) + "</mark>" : escapeHtml(part);
    }).join("");
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
    addCriterion: function (n, docs) { engine.addCriterion(n, docs); }
  };

  /* The search box in every page's header: a combobox listing the best matches as you type. */
  function headerBox(form) {
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    var active = -1;
    var shown = [];
    var scope = pageUnit ? [pageUnit] : [];

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function show() {
      var q = input.value.trim();
      if (q.length < 2) { close(); status.textContent = ""; return; }
      ready(scope, q).then(function () {
        if (document.activeElement !== input || input.value.trim() !== q) return null;
        return details(search(q, pageUnit, "").slice(0, 8));
      }).then(function (found) {
        if (!found || document.activeElement !== input || input.value.trim() !== q) return;
        shown = found;
        list.innerHTML = "";
        shown.forEach(function (r, i) {
          var li = document.createElement("li");
          li.id = "site-search-option-" + i;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          li.setAttribute("data-href", root + r.doc.url);
          li.innerHTML = escapeHtml(r.doc.title) + ' <span class="result-meta">' + escapeHtml(meta(r)) + "</span>";
          list.appendChild(li);
        });
        var all = document.createElement("li");
        all.id = "site-search-option-" + shown.length;
        all.setAttribute("role", "option");
        all.setAttribute("aria-selected", "false");
        all.setAttribute("data-href", root + SEARCH_PAGE + "?q=" + encodeURIComponent(q));
        all.textContent = "Search " + (pageUnit ? "all units" : "the course") + " for “" + q + "”";
        list.appendChild(all);
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
        status.textContent = shown.length ? shown.length + " suggestions. Use the arrow keys to choose." : "No matches" + (pageUnit ? " in this unit." : ".");
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

    input.addEventListener("focus", function () { ready(scope); }, { once: true });
    input.addEventListener("input", show);
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
      var option = e.target.closest("[role=option]");
      if (option) window.location.href = option.getAttribute("data-href");
    });
    input.addEventListener("blur", close);
  }

  /* The search page: results for ?q=, filtered by unit and kind. */
  function searchPage(page) {
    var form = page.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var unitSelect = form.querySelector("select[name=unit]");
    var kindSelect = form.querySelector("select[name=kind]");
    var results = document.getElementById("search-results");
    var count = document.getElementById("search-count");
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    unitSelect.value = params.get("unit") || "";
    kindSelect.value = params.get("kind") || "";

    var latest = 0;

    function run() {
      var mine = ++latest;
      var q = input.value.trim();
      var unit = unitSelect.value;
      var url = "?q=" + encodeURIComponent(q) + (unit ? "&unit=" + unit : "") + (kindSelect.value ? "&kind=" + kindSelect.value : "");
      window.history.replaceState(null, "", url);
      results.innerHTML = "";
      if (!q) { count.textContent = "Type a word or a criterion such as P4 to search."; return; }
      count.textContent = "Searching…";
      ready(unit ? [unit] : [], q).then(function () {
        // A later search (another unit or kind chosen meanwhile) owns the results now.
        if (mine !== latest) return null;
        var found = search(q, unit, kindSelect.value);
        if (found.length) return showFrom(found, 0, q, mine);
        return load(manifest.words).then(function () { emptyState(q); });
      }).catch(function () {
        count.textContent = "Search could not load its index. Check that the search folder was copied with the site.";
      });
    }

    /* Shows PAGE_SIZE results of `found` from `start` on (their data loaded first), and a
       button for the next ones. */
    function showFrom(found, start, q, mine) {
      return details(found.slice(start, start + PAGE_SIZE)).then(function (shown) {
        if (mine !== latest) return;
        var more = results.querySelector(".more-results");
        if (more) more.remove();
        shown.forEach(function (r) {
          var li = document.createElement("li");
          li.innerHTML = '<a href="' + escapeHtml(root + r.doc.url) + '">' + highlight(r.doc.title, q) + "</a>" +
            '<p class="result-meta">' + escapeHtml(meta(r)) + "</p>" +
            (r.doc.snippet ? '<p class="snippet">' + highlight(r.doc.snippet, q) + "</p>" : "");
          results.appendChild(li);
        });
        count.textContent = found.length + (found.length === 1 ? " result" : " results") + " for “" + q + "”.";
        var next = start + PAGE_SIZE;
        if (next >= found.length) return;
        var li = document.createElement("li");
        li.className = "more-results";
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = "Show " + Math.min(PAGE_SIZE, found.length - next) + " more results";
        button.addEventListener("click", function () { showFrom(found, next, q, mine); });
        li.appendChild(button);
        results.appendChild(li);
      });
    }

    /* No results: say so and, where a word of the course is close, suggest it. */
    function emptyState(q) {
      var better = q.split(/\s+/).map(function (w) { return CRITERION_ID.test(w) ? w : suggest(w) || w; }).join(" ");
      var differs = better.toLowerCase() !== q.toLowerCase();
      count.textContent = "No results for “" + q + "”." + (differs ? " Did you mean “" + better + "”?" : "");
      if (differs) {
        var li = document.createElement("li");
        li.className = "suggestion";
        li.innerHTML = 'Did you mean <a href="?q=' + encodeURIComponent(better) + '">' + escapeHtml(better) + "</a>?";
        results.appendChild(li);
      }
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    unitSelect.addEventListener("change", run);
    kindSelect.addEventListener("change", run);
    run();
  }

  var box = document.querySelector("form.site-search");
  if (box) headerBox(box);
  var page = document.querySelector(".search-page");
  if (page) searchPage(page);
})();
