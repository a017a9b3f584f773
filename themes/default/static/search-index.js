/* unitpress search index reader, loaded with the search engine (elasticlunr.js) when a learner
   first uses search. It turns a unit's index script into an elasticlunr.js index. The postings
   code is described in src/search/postings.rs. */
(function () {
  "use strict";

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT_VALUE = [];
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  /* Reads a postings code from bit `start` on: 6 bits a character, least significant first (see
     src/search/postings.rs). Every value fits in 31 bits, so bitwise operators are safe. */
  function bitReader(code, start) {
    var pos = Math.floor(start / 6), value = DIGIT_VALUE[code.charCodeAt(pos++)] >> (start % 6), left = 6 - start % 6;
    function bit() {
      if (!left) { value = DIGIT_VALUE[code.charCodeAt(pos++)]; left = 6; }
      left--;
      var b = value & 1;
      value >>= 1;
      return b;
    }
    function bits(width) {
      var v = 0;
      for (var i = 0; i < width; i++) v |= bit() << i;
      return v;
    }
    return {
      gamma: function () {
        var zeros = 0;
        while (!bit()) zeros++;
        return (1 << zeros) | bits(zeros);
      },
      rice: function (k) {
        var q = 0;
        while (bit()) q++;
        return (q << k) | bits(k);
      },
      position: function () { return pos * 6 - left; }
    };
  }

  /* The Rice parameter of a term in n of `documents` documents, as the build works it out. */
  function riceParameter(n, documents) {
    var k = 0;
    while (n * (2 << k) * 10 <= documents * 7) k++;
    return k;
  }

  /* Reads one term's postings from `read`, calling add(document, count) for each: its number
     of documents, then each document's distance from the previous one and the term's count. */
  function eachDocument(read, documents, add) {
    var n = read.gamma();
    var k = riceParameter(n, documents);
    var doc = 0;
    for (var i = 0; i < n; i++) {
      doc += read.rice(k);
      add(doc, read.gamma());
      doc++;
    }
  }

  /* A field's terms and where each one's postings start in its code. The postings themselves
     go into the engine only when a query needs them (see `prepare`), so that loading every unit
     of a large course for a search across all of them stays quick. */
  function field(postings, documents) {
    var terms = postings.terms ? postings.terms.split(" ") : [];
    var starts = [];
    var read = bitReader(postings.code, 0);
    terms.forEach(function () {
      starts.push(read.position());
      eachDocument(read, documents, function () {});
    });
    return { terms: terms, starts: starts, code: postings.code, added: [] };
  }

  /* Puts into the engine every term of the unit that a word of `query` may match: the words
     as the engine reads them (tokenizer, stop words, stemmer) and, as it expands them, every
     term they begin. */
  function prepare(u, query) {
    var keys = u.index.pipeline.run(elasticlunr.tokenizer(query));
    Object.keys(u.fields).forEach(function (name) {
      var f = u.fields[name];
      var documents = u.docs.length;
      f.terms.forEach(function (term, t) {
        if (f.added[t] || !keys.some(function (key) { return term.indexOf(key) === 0; })) return;
        f.added[t] = true;
        eachDocument(bitReader(f.code, f.starts[t]), documents, function (doc, count) {
          u.index.index[name].addToken(term, { ref: String(doc), tf: Math.sqrt(count) });
        });
      });
    });
  }

  /* An elasticlunr.js index with `fieldNames`, made from the compact form the build wrote, and
     the unit's documents. A document is [page, title, #fragment, kind, snippet, criterion id];
     it becomes {title, url, kind, page, snippet, criterion} here. */
  function unit(data, fieldNames) {
    var idx = elasticlunr(function () {
      this.setRef("id");
      fieldNames.forEach(this.addField, this);
      this.saveDocument(false);
    });
    var store = idx.documentStore;
    var docs = data.docs.map(function (d, i) {
      var page = data.pages[d[0]];
      var ref = String(i);
      store.addDoc(ref, null);
      store.addFieldLength(ref, "title", data.lengths[2 * i]);
      store.addFieldLength(ref, "body", data.lengths[2 * i + 1]);
      store.addFieldLength(ref, "unit", data.unit_terms.length);
      store.addFieldLength(ref, "kind", data.kind_terms[d[3]].length);
      data.unit_terms.forEach(function (t) { idx.index.unit.addToken(t, { ref: ref, tf: 1 }); });
      data.kind_terms[d[3]].forEach(function (t) { idx.index.kind.addToken(t, { ref: ref, tf: 1 }); });
      return {
        title: d[1] || page[0],
        page: d[1] ? page[0] : "",
        url: data.folder + page[1] + (d[2] ? "#" + d[2] : ""),
        kind: d[3],
        snippet: d[4],
        criterion: d[5]
      };
    });
    var fields = {};
    Object.keys(data.terms).forEach(function (name) {
      fields[name] = field(data.terms[name], docs.length);
    });
    return { data: data, docs: docs, index: idx, fields: fields };
  }

  window.UnitpressIndex = { unit: unit, prepare: prepare };
})();
