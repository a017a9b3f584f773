/* unitpress search page: results for ?q=, filtered by unit and kind, a page at a time, with
   the words that match marked and a snippet cut around the first of them. Only the search page
   loads this, after search.js, whose loading of the index and ranking it uses. */
(function () {
  "use strict";
  var ui = window.UnitpressSearchUI;
  var root = ui.root, ready = ui.ready, search = ui.search, details = ui.details;
  var didYouMean = ui.didYouMean, unitLabel = ui.unitLabel, meta = ui.meta, escapeHtml = ui.escapeHtml;

  /* The beginnings a word of the text must have to match a word of `query` (its stem, near
     enough: the word less its last two letters, at least three). */
  function stems(query) {
    return query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; }).map(function (w) {
      return w.replace(/[^a-z0-9]/g, "").slice(0, Math.max(3, w.length - 2));
    }).filter(Boolean);
  }

  function hits(word, starts) {
    var lower = word.toLowerCase();
    return starts.some(function (s) { return lower.indexOf(s) === 0; });
  }

  /* The text, escaped, with each word that starts like a query word marked. Words are found
     in the raw text, so an entity such as &quot; is never cut by a mark. */
  function highlight(text, query) {
    var starts = stems(query);
    return text.split(/([A-Za-z0-9]+)/).map(function (part, i) {
      var hit = i % 2 === 1 && hits(part, starts);
      return hit ? "<mark>" + escapeHtml(part) + "</mark>" : escapeHtml(part);
    }).join("");
  }

  /* The part of a result's snippet to show: from a little before its first matched word, at a
     word's start, without leading punctuation, and at most SHOWN characters (cut after a word).
     None when no word of the snippet matches: the match is elsewhere in the document, and a
     snippet without it would only puzzle. */
  var LEAD = 40;
  var SHOWN = 180;
  function snippetFor(text, query) {
    if (!text) return "";
    var starts = stems(query);
    var word = /[A-Za-z0-9]+/g;
    var m;
    while ((m = word.exec(text)) && !hits(m[0], starts)) { /* next word */ }
    if (!m) return "";
    var from = 0;
    if (m.index > LEAD) {
      from = text.lastIndexOf(" ", m.index - LEAD);
      from = from < 0 ? 0 : from + 1;
    }
    var cut = text.slice(from).replace(/^[\s.,;:!?)\]\u2013\u2014-]+/, "");
    if (cut.length > SHOWN) {
      var end = cut.lastIndexOf(" ", SHOWN);
      cut = cut.slice(0, end > LEAD ? end : SHOWN).replace(/[\s.,;:]+$/, "") + "…";
    }
    return (from > 0 ? "…" : "") + cut;
  }

  /* How many results the search page shows at first, and adds each time "Show more" is used:
     only the data of those shown is loaded. */
  var PAGE = 20;
  // About what a phone's screen holds.
  var FIRST_SHOWN = 5;

  /* The search page: results for ?q=, filtered by unit and kind, a page at a time. */
  function searchPage(page) {
    var form = page.querySelector("form");
    var input = form.querySelector("input[name=q]");
    var unitSelect = form.querySelector("select[name=unit]");
    var kindSelect = form.querySelector("select[name=kind]");
    var results = document.getElementById("search-results");
    var count = document.getElementById("search-count");
    var suggestion = document.getElementById("search-suggestion");
    var more = document.getElementById("search-more");
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    unitSelect.value = params.get("unit") || "";
    kindSelect.value = params.get("kind") || "";

    var latest = 0;
    var found = [];
    var query = "";

    function item(r) {
      var li = document.createElement("li");
      var snippet = snippetFor(r.doc.snippet, query);
      li.innerHTML = '<a href="' + escapeHtml(root + r.doc.url) + '">' + highlight(r.doc.title, query) + "</a>" +
        '<p class="result-meta">' + escapeHtml(meta(r)) + "</p>" +
        (snippet ? '<p class="snippet">' + highlight(snippet, query) + "</p>" : "");
      return li;
    }

    /* Shows the next page of results (their data loaded first); with `focus`, moves to the
       first of them. `mine` is the search they belong to: a later one owns the page. The first
       page's first few results are shown as soon as their own data is in, before the rest of
       the page's: their data may be spread over as many parts as there are results. */
    function showMore(focus, mine) {
      var from = results.children.length;
      var first = from === 0 ? FIRST_SHOWN : PAGE;
      more.disabled = true;
      function append(page) {
        if (mine !== latest) return false;
        page.forEach(function (r) { results.appendChild(item(r)); });
        return true;
      }
      return details(found.slice(from, from + first)).then(function (page) {
        if (!append(page)) return null;
        if (focus && results.children[from]) results.children[from].querySelector("a").focus();
        return first < PAGE ? details(found.slice(from + first, from + PAGE)).then(append) : true;
      }).then(function (shown) {
        if (!shown) return;
        more.disabled = false;
        var shownCount = results.children.length;
        var left = found.length - shownCount;
        more.parentNode.hidden = left <= 0;
        more.textContent = "Show " + Math.min(PAGE, left) + " more " + (Math.min(PAGE, left) === 1 ? "result" : "results") + " (" + left + " not shown yet)";
        count.textContent = found.length + (found.length === 1 ? " result" : " results") + " for “" + query + "”" +
          (found.length > shownCount ? ", showing the first " + shownCount : "") + ".";
      });
    }

    function run() {
      var mine = ++latest;
      var q = input.value.trim();
      var unit = unitSelect.value;
      var url = "?q=" + encodeURIComponent(q) + (unit ? "&unit=" + unit : "") + (kindSelect.value ? "&kind=" + kindSelect.value : "");
      window.history.replaceState(null, "", url);
      results.innerHTML = "";
      suggestion.hidden = true;
      more.parentNode.hidden = true;
      found = [];
      if (!q) { count.textContent = "Type a word or a criterion such as P4 to search."; return; }
      count.textContent = "Searching…";
      ready(unit ? [unit] : [], q).then(function () {
        // A later search (another unit or kind chosen meanwhile) owns the results now.
        if (mine !== latest) return null;
        query = q;
        found = search(q, unit, kindSelect.value);
        if (found.length) return showMore(false, mine);
        return didYouMean(q).then(function (better) {
          if (mine !== latest) return;
          count.textContent = "No results for “" + q + "”" + (unit ? " in " + unitLabel(unit) : "") + ".";
          if (!better) return;
          suggestion.innerHTML = 'Did you mean <a href="?q=' + encodeURIComponent(better) + (unit ? "&unit=" + encodeURIComponent(unit) : "") + '">' + escapeHtml(better) + "</a>?";
          suggestion.hidden = false;
        });
      }).catch(function () {
        count.textContent = "Search could not load its index. Check that the search folder was copied with the site.";
      });
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    unitSelect.addEventListener("change", run);
    kindSelect.addEventListener("change", run);
    more.addEventListener("click", function () {
      showMore(true, latest).catch(function () {
        more.disabled = false;
        count.textContent = "Search could not load more results. Check that the search folder was copied with the site.";
      });
    });
    run();
  }

  var page = document.querySelector(".search-page");
  if (page) searchPage(page);
})();
