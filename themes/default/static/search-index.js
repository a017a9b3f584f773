/* unitpress search index reader, loaded with elasticlunr.js when a learner first uses search.
   The index is the whole course's, laid out for the query (src/search/layout.rs): the postings
   of each range of terms in one part, the field lengths and the result data of each range of
   documents in others. A query loads the parts of its terms (and of the terms they begin), then
   the lengths of the documents it finds, then the data of the results shown.

   Ranking is elasticlunr.js's own, computed here from those parts: the query goes through the
   engine's tokenizer and pipeline, and each unit is scored as its own elasticlunr index would
   score it (per-unit idf, field-length norms, expansion of each word to the terms it begins,
   AND within a field with OR when nothing matches, coordination), with the same floating-point
   operations in the same order, so the results and their order are the engine's. The postings
   code is described in src/search/postings.rs. */
(function () {
  "use strict";

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT_VALUE = [];
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  /* Reads a code: 6 bits a character, least significant first. Values fit in 31 bits. */
  function bitReader(code) {
    var pos = 0, value = 0, left = 0;
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
      }
    };
  }

  /* The Rice parameter of a term in n of `documents` documents, as the build works it out. */
  function riceParameter(n, documents) {
    var k = 0;
    while (n && n * (2 << k) * 10 <= documents * 7) k++;
    return k;
  }

  /* One term's postings in one field: documents ascending and the term's count in each. The
     documents come first, then those whose count is not 1, with their counts. */
  function decodePostings(code, documents) {
    var read = bitReader(code);
    var n = read.gamma();
    var k = riceParameter(n, documents);
    var docs = new Int32Array(n), counts = new Int32Array(n);
    var doc = 0, i;
    for (i = 0; i < n; i++) {
      doc += read.rice(k);
      docs[i] = doc;
      counts[i] = 1;
      doc++;
    }
    var more = read.gamma() - 1;
    k = riceParameter(more, n);
    for (var j = 0, next = 0; j < more; j++) {
      i = next + read.rice(k);
      counts[i] = read.gamma() + 1;
      next = i + 1;
    }
    return { docs: docs, counts: counts };
  }

  /* The id of a heading made from its title, where the index gives 1 for it: the build left
     it out as it is made this way (src/search/layout.rs, simple_id; ASCII titles only). */
  function headingId(title) {
    return title.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join("-");
  }

  function isDigit(c) { return c >= 48 && c <= 57; }

  /* Code point order: the order of Rust's strings, which the term parts are sorted in. */
  function byteOrder(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i) - b.codePointAt(i);
    }
    return a.length - b.length;
  }

  /* The order in which elasticlunr expands a word into the terms it begins: its trie, walked
     depth first, holds each node's children in the order they were added (the terms' sorted
     order) except that digits, being array indexes to JavaScript, come first. */
  function trieOrder(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x === y) continue;
      if (isDigit(x) !== isDigit(y)) return isDigit(x) ? -1 : 1;
      return a.codePointAt(i) - b.codePointAt(i);
    }
    return a.length - b.length;
  }

  function trie(terms) {
    var t = new elasticlunr.InvertedIndex();
    terms.forEach(function (term) { t.addToken(term, { ref: "0", tf: 1 }); });
    return t;
  }

  /* An engine over the manifest `m`, scoring `fields` ({name: {boost}}, in order) as
     elasticlunr.js does. `criterionId` tells the words of a query that name criteria. */
  function create(m, fields, criterionId) {
    var N = m.documents;
    var pipeline = elasticlunr().pipeline;
    var unitOf = new Int32Array(N), kindOf = new Int8Array(N);
    var units = m.units.map(function (u, i) {
      return { slug: u.slug, label: u.label, folder: u.folder, kinds: u.kinds, terms: u.terms, index: i };
    });
    var next = 0;
    units.forEach(function (u) {
      u.base = next;
      u.kindStart = [];
      u.kinds.forEach(function (count, k) {
        u.kindStart.push(next);
        for (var i = 0; i < count; i++) { unitOf[next] = u.index; kindOf[next] = k; next++; }
      });
      u.count = next - u.base;
      u.trie = null;
    });
    var kindTries = m.kinds.map(function (k) { return trie(k.terms); });
    var termParts = [], lengthParts = [], docParts = [], criteria = [];
    var termAt = {};
    var decoded = { title: {}, body: {} };
    var lengths = { title: new Int32Array(N), body: new Int32Array(N) };
    var docData = [];
    var docObjects = [];
    var criterionOf = {};

    function path(template, n) { return template.replace("{}", String(n)); }

    /* The term parts that hold the terms `prefix` begins. */
    function partsFor(prefix) {
      var f = m.terms.firsts, lo = 0, hi = f.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (byteOrder(f[mid], prefix) <= 0) lo = mid + 1; else hi = mid;
      }
      var i = Math.max(0, lo - 1), out = [i];
      while (i + 1 < f.length && f[i + 1].indexOf(prefix) === 0) out.push(++i);
      return out;
    }

    function tokens(query) { return pipeline.run(elasticlunr.tokenizer(query)); }

    function criterionIds(query) {
      return query.trim().toLowerCase().split(/\s+/).filter(function (w) { return criterionId.test(w); })
        .map(function (w) { return w.toUpperCase(); });
    }

    /* The terms of the course that `token` begins and that `field` holds, in expansion order. */
    function expand(field, token) {
      var keys = [];
      partsFor(token).forEach(function (p) {
        termParts[p].terms.forEach(function (t, i) {
          if (t.indexOf(token) === 0 && termParts[p][field][i]) keys.push(t);
        });
      });
      return keys.sort(trieOrder);
    }

    function postings(field, term) {
      var cache = decoded[field];
      if (!cache[term]) {
        var at = termAt[term];
        cache[term] = decodePostings(termParts[at[0]][field][at[1]], N);
      }
      return cache[term];
    }

    /* Per-document scratch arrays, reused across queries: a value counts only where its stamp
       is the current one. */
    var stamp = 0;
    var member = new Int32Array(N), memberStamp = new Int32Array(N);
    var acc = new Float64Array(N), accStamp = new Int32Array(N);
    var part = new Float64Array(N), partStamp = new Int32Array(N);
    var exact = new Int32Array(N);
    var total = new Float64Array(N), totalStamp = new Int32Array(N);

    /* The documents (within unit `only`, if any) that `field` finds for `toks` with `bool`:
       with AND, those holding a term of every word. */
    function members(field, toks, bool, only) {
      var s = ++stamp, found = [];
      toks.forEach(function (token, t) {
        var seen = ++stamp;
        expand(field, token).forEach(function (key) {
          var p = postings(field, key);
          for (var i = 0; i < p.docs.length; i++) {
            var doc = p.docs[i];
            if (only && unitOf[doc] !== only.index) continue;
            if (partStamp[doc] === seen) continue;
            partStamp[doc] = seen;
            if (memberStamp[doc] !== s) { memberStamp[doc] = s; member[doc] = 0; }
            if (member[doc] === t) { member[doc]++; if (t === 0) found.push(doc); }
            else if (bool === "OR" && member[doc] === 0) { member[doc] = 1; found.push(doc); }
          }
        });
      });
      var n = toks.length;
      return bool === "AND" ? found.filter(function (doc) { return member[doc] === n; }) : found;
    }

    /* Scores `docs` (the field's members) as elasticlunr's fieldSearch does, into `acc`. */
    function scoreField(field, toks, bool, docs) {
      var s = ++stamp, mine = s;
      docs.forEach(function (doc) { memberStamp[doc] = mine; exact[doc] = 0; });
      var inAcc = ++stamp, len = lengths[field];
      toks.forEach(function (token) {
        var q = ++stamp, touched = [];
        expand(field, token).forEach(function (key) {
          var p = postings(field, key), ds = p.docs, i = 0;
          var penalty = key !== token ? (1 - (key.length - token.length) / key.length) * 0.15 : 1;
          while (i < ds.length) {
            var u = unitOf[ds[i]], j = i;
            while (j < ds.length && unitOf[ds[j]] === u) j++;
            var idf = 1 + Math.log(units[u].count / (j - i + 1));
            for (; i < j; i++) {
              var doc = ds[i];
              if (memberStamp[doc] !== mine) continue;
              if (key === token) exact[doc]++;
              var fieldLength = len[doc], norm = 1;
              if (fieldLength != 0) norm = 1 / Math.sqrt(fieldLength);
              var score = Math.sqrt(p.counts[i]) * idf * norm * penalty;
              if (partStamp[doc] === q) part[doc] += score;
              else { partStamp[doc] = q; part[doc] = score; touched.push(doc); }
            }
          }
        });
        touched.forEach(function (doc) {
          if (accStamp[doc] === inAcc) acc[doc] = acc[doc] + part[doc];
          else { accStamp[doc] = inAcc; acc[doc] = part[doc]; }
        });
      });
      var n = toks.length;
      docs.forEach(function (doc) {
        if (exact[doc]) acc[doc] = acc[doc] * exact[doc] / n;
      });
    }

    /* The `unit` and `kind` fields hold the same terms for every document of a unit (of a
       kind in a unit), so they are scored once for each such group, as elasticlunr would score
       any one of its documents: `groups` lists {unit, trie, docs: [first, end), df(key)}. */
    function scoreGroups(toks, bool, groups, fieldLength) {
      var n = toks.length, out = [];
      groups.forEach(function (g) {
        var score = null, exactCount = 0, all = true;
        toks.forEach(function (token) {
          var keys = g.trie.expandToken(token);
          if (!keys.length) { all = false; return; }
          var sum = null;
          keys.forEach(function (key) {
            if (key === token) exactCount++;
            var idf = 1 + Math.log(g.unit.count / (g.df(key) + 1));
            var norm = 1;
            if (fieldLength(g) != 0) norm = 1 / Math.sqrt(fieldLength(g));
            var penalty = key !== token ? (1 - (key.length - token.length) / key.length) * 0.15 : 1;
            var s = 1 * idf * norm * penalty;
            sum = sum === null ? s : sum + s;
          });
          score = score === null ? sum : score + sum;
        });
        if (score === null || (bool === "AND" && !all)) return;
        if (exactCount) score = score * exactCount / n;
        out.push({ group: g, score: score });
      });
      return out;
    }

    function unitGroups(only) {
      return units.filter(function (u) { return u.count && (!only || u === only); }).map(function (u) {
        if (!u.trie) u.trie = trie(u.terms);
        return { unit: u, trie: u.trie, first: u.base, end: u.base + u.count, df: function () { return u.count; } };
      });
    }

    function kindGroups(only) {
      var out = [];
      units.forEach(function (u) {
        if (only && u !== only) return;
        u.kinds.forEach(function (count, k) {
          if (!count) return;
          out.push({
            unit: u, kind: k, trie: kindTries[k], first: u.kindStart[k], end: u.kindStart[k] + count,
            df: function (key) {
              var df = 0;
              m.kinds.forEach(function (kind, j) { if (kind.terms.indexOf(key) !== -1) df += u.kinds[j]; });
              return df;
            }
          });
        });
      });
      return out;
    }

    /* The members of each field for a query with `bool`: the documents of the title and body
       fields, the groups of the others. */
    function matches(toks, bool, only) {
      return {
        title: members("title", toks, bool, only),
        body: members("body", toks, bool, only),
        unit: scoreGroups(toks, bool, unitGroups(only), function (g) { return g.unit.terms.length; }),
        kind: scoreGroups(toks, bool, kindGroups(only), function (g) { return m.kinds[g.kind].terms.length; })
      };
    }

    function empty(found) {
      return !found.title.length && !found.body.length && !found.unit.length && !found.kind.length;
    }

    /* The members of each field for the query as the engine runs it: AND, or OR when AND
       finds nothing at all. */
    function found(query, only) {
      var toks = tokens(query);
      var and = matches(toks, "AND", only);
      if (!empty(and)) return { toks: toks, bool: "AND", fields: and };
      return { toks: toks, bool: "OR", fields: matches(toks, "OR", only) };
    }

    function missingTerms(query) {
      var out = [];
      tokens(query).forEach(function (token) {
        partsFor(token).forEach(function (p) {
          if (!termParts[p] && out.indexOf(p) === -1) out.push(p);
        });
      });
      return out.map(function (p) { return path(m.terms.path, p); });
    }

    function missingCriteria(query) {
      return criterionIds(query).map(function (id) { return m.criteria.ids.indexOf(id); })
        .filter(function (n) { return n !== -1 && !criteria[n]; })
        .map(function (n) { return path(m.criteria.path, n); });
    }

    /* The scripts that `query` (within `only`, a unit's slug, if given) still needs before
       search() can rank it: first the parts of its terms and criterion ids, then the lengths of
       the documents they find. */
    function needs(query, only) {
      var missing = missingTerms(query).concat(missingCriteria(query));
      if (missing.length) return missing;
      var f = found(query, unitNamed(only)), parts = [];
      f.fields.title.concat(f.fields.body).forEach(function (doc) {
        var p = Math.floor(doc / m.lengths.size);
        if (!lengthParts[p] && parts.indexOf(p) === -1) parts.push(p);
      });
      return parts.map(function (p) { return path(m.lengths.path, p); });
    }

    function unitNamed(slug) {
      for (var i = 0; i < units.length; i++) if (units[i].slug === slug) return units[i];
      return null;
    }

    function docObject(doc) {
      if (!docObjects[doc]) {
        docObjects[doc] = { kind: kindOf[doc], criterion: criterionOf[doc] || "", title: "", page: "", url: "", snippet: "" };
      }
      return docObjects[doc];
    }

    /* The ranked documents of `query` as the engine scores them: [{doc, score}], in the order
       the engine would list them (by unit, then by score). */
    function rank(query, only) {
      var f = found(query, only), s = ++stamp, present = [];
      function add(doc, value) {
        if (totalStamp[doc] !== s) { totalStamp[doc] = s; total[doc] = 0; present.push(doc); }
        total[doc] += value;
      }
      Object.keys(fields).forEach(function (name) {
        var boost = fields[name].boost;
        if (name === "title" || name === "body") {
          var docs = f.fields[name];
          scoreField(name, f.toks, f.bool, docs);
          docs.forEach(function (doc) { add(doc, acc[doc] * boost); });
        } else {
          f.fields[name].forEach(function (r) {
            var value = r.score * boost;
            for (var doc = r.group.first; doc < r.group.end; doc++) add(doc, value);
          });
        }
      });
      var ranked = present.map(function (doc) {
        return { doc: doc, score: total[doc] };
      });
      // Within a unit the engine lists its results best first, ties by document.
      return ranked.sort(function (a, b) {
        return unitOf[a.doc] - unitOf[b.doc] || b.score - a.score || a.doc - b.doc;
      });
    }

    /* Results for `query` over the course (or unit `only`, a slug), best first: a criterion id
       in the query ("P4", "unit 10 p4", "1.3") puts that criterion first, of the unit the query
       names or of any, and of `pageUnit` before others. `kind` ("" for any) keeps one kind. */
    function search(query, onlySlug, kind, pageUnit) {
      var words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var ids = criterionIds(query);
      var only = onlySlug ? unitNamed(onlySlug) : null;
      var searched = only ? [only] : units;
      var named = searched.filter(function (u) {
        return words.join(" ").indexOf(u.label.toLowerCase()) !== -1 || words.indexOf(u.slug) !== -1;
      });
      var results = rank(query, only).map(function (r) {
        var doc = docObject(r.doc);
        return { unit: units[unitOf[r.doc]].slug, doc: doc, id: r.doc, score: r.score * m.kinds[doc.kind].weight };
      });
      var first = [], firstIds = {};
      var criterionDocs = [];
      ids.forEach(function (id) {
        var n = m.criteria.ids.indexOf(id);
        if (n !== -1 && criteria[n]) criterionDocs = criterionDocs.concat(criteria[n]);
      });
      criterionDocs.sort(function (a, b) { return a - b; }).forEach(function (doc) {
        var u = units[unitOf[doc]], order = searched.indexOf(u);
        if (order === -1 || firstIds[doc] || (named.length && named.indexOf(u) === -1)) return;
        firstIds[doc] = true;
        first.push({ unit: u.slug, doc: docObject(doc), id: doc, score: (u.slug === pageUnit ? 2e6 : 1e6) - order });
      });
      results = first.concat(results.filter(function (r) { return !firstIds[r.id]; }));
      if (kind !== "") results = results.filter(function (r) { return String(r.doc.kind) === kind; });
      return results.sort(function (a, b) { return b.score - a.score; });
    }

    /* The scripts holding the data of `results` not loaded yet. */
    function docScripts(results) {
      var parts = [];
      results.forEach(function (r) {
        var p = Math.floor(r.id / m.docs.size);
        if (!docParts[p] && parts.indexOf(p) === -1) parts.push(p);
      });
      return parts.map(function (p) { return path(m.docs.path, p); });
    }

    /* Fills in each result's title, page, address and snippet from its part. */
    function fill(results) {
      results.forEach(function (r) {
        var d = docData[r.id];
        if (!d) return;
        var page = d.page;
        r.doc.title = d.title || page[0];
        r.doc.page = d.title ? page[0] : "";
        var fragment = d.fragment === 1 ? headingId(r.doc.title) : d.fragment;
        r.doc.url = units[unitOf[r.id]].folder + page[1] + (fragment ? "#" + fragment : "");
        r.doc.snippet = d.snippet;
      });
    }

    return {
      needs: needs,
      search: search,
      docScripts: docScripts,
      fill: fill,
      label: function (slug) { var u = unitNamed(slug); return u ? u.label : slug; },
      addTerms: function (n, data) {
        var terms = data.terms ? data.terms.split(" ") : [];
        termParts[n] = { terms: terms, title: data.title, body: data.body };
        terms.forEach(function (t, i) { termAt[t] = [n, i]; });
      },
      addLengths: function (n, data) {
        var start = n * m.lengths.size, end = Math.min(N, start + m.lengths.size);
        ["title", "body"].forEach(function (field) {
          var k = data[field][0], read = bitReader(data[field][1]);
          for (var doc = start; doc < end; doc++) lengths[field][doc] = read.rice(k);
        });
        lengthParts[n] = true;
      },
      addDocs: function (n, data) {
        var start = n * m.docs.size;
        data.docs.forEach(function (d, i) {
          docData[start + i] = { page: data.pages[d[0]], title: d[1], fragment: d[2], snippet: d[3] };
        });
        docParts[n] = true;
      },
      addCriterion: function (n, docs) {
        criteria[n] = docs;
        docs.forEach(function (doc) {
          criterionOf[doc] = m.criteria.ids[n];
          if (docObjects[doc]) docObjects[doc].criterion = m.criteria.ids[n];
        });
      }
    };
  }

  window.UnitpressIndex = { create: create };
})();
