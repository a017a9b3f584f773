/* unitpress search results' data: the titles, addresses and snippets of the course's documents,
   in parts by document range (src/search/layout/results.rs), loaded only for the results about
   to be shown and decoded when the first of a part is. Read with search-codes.js, loaded before
   this; search-index.js asks for it. */
(function () {
  "use strict";

  var codes = window.UnitpressCodes;

  /* The id of a heading made from its title, where the index gives 1 for it: the build left
     it out as it is made this way (src/search/layout/results.rs, simple_id; ASCII titles
     only). */
  function headingId(title) {
    return title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join("-");
  }

  /* The result data of the documents of manifest `m`; `folderOf(doc)` is the folder of the
     document's unit, which its address is within. */
  function create(m, folderOf) {
    var N = m.documents, loaded = [], parts = [], data = [];
    /* The code of each table, [title, snippet, path], made from the vocabulary's tables when a
       part is first decoded. */
    var tables = null, vocabulary = null;

    function partOf(doc) { return Math.floor(doc / m.docs.size); }

    /* The scripts holding the data of `results` not loaded yet. */
    function scripts(results) {
      var missing = [];
      results.forEach(function (r) {
        var p = partOf(r.id);
        if (!loaded[p] && missing.indexOf(p) === -1) missing.push(p);
      });
      var out = missing.map(function (p) { return m.docs.path.replace("{}", String(p)); });
      if (out.length && !tables) out.unshift(m.vocabulary);
      return out;
    }

    /* Reads part `n` (see results.rs, doc_part): its pages, then each document's page, title,
       #fragment and snippet. */
    function decode(n) {
      if (!vocabulary) vocabulary = tables.map(codes.textCode);
      var read = new codes.BitReader(parts[n]), title = vocabulary[0], snippet = vocabulary[1], where = vocabulary[2];
      var pages = [], p, count = read.gamma() - 1;
      for (p = 0; p < count; p++) pages.push([codes.readText(read, title), codes.readText(read, where)]);
      var start = n * m.docs.size, end = Math.min(N, start + m.docs.size);
      for (var doc = start, page = null; doc < end; doc++) {
        var which = read.gamma();
        if (which > 1) page = pages[which - 2];
        var t = codes.readText(read, title), how = read.gamma();
        var fragment = how === 1 ? "" : how === 2 ? 1 : codes.readText(read, where);
        data[doc] = { page: page, title: t, fragment: fragment, snippet: codes.readText(read, snippet) };
      }
      parts[n] = null;
    }

    /* Fills in each result's title, page, address and snippet from its part. */
    function fill(results) {
      results.forEach(function (r) {
        var n = partOf(r.id);
        if (parts[n] && tables) decode(n);
        var d = data[r.id];
        if (!d) return;
        var page = d.page;
        r.doc.title = d.title || page[0];
        r.doc.page = d.title ? page[0] : "";
        var fragment = d.fragment === 1 ? headingId(r.doc.title) : d.fragment;
        r.doc.url = folderOf(r.id) + page[1] + (fragment ? "#" + fragment : "");
        r.doc.snippet = d.snippet;
      });
    }

    return {
      scripts: scripts,
      fill: fill,
      add: function (n, code) {
        parts[n] = code;
        loaded[n] = true;
      },
      setVocabulary: function (t) { tables = t; }
    };
  }

  window.UnitpressResultData = { create: create };
})();
