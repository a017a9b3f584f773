/* unitpress search index reader, loaded with elasticlunr.js when a learner first uses search.
   The index is the whole course's, laid out for the query (src/search/layout.rs): the postings
   of each range of terms in one part, the field lengths and the result data of each range of
   documents in others. A query loads the parts of its terms (and of the terms they begin) with
   the lengths of the documents it could find, then the data of the results shown.

   Ranking is elasticlunr.js's own, computed here from those parts: the query goes through the
   engine's tokenizer and pipeline, and each unit is scored as its own elasticlunr index would
   score it (per-unit idf, field-length norms, expansion of each word to the terms it begins,
   AND within a field with OR when nothing matches, coordination), with the same floating-point
   operations in the same order, so the results and their order are the engine's. The parts are
   read with search-codes.js, and results' data with search-results.js, both loaded before
   this. */
(function () {
  "use strict";

  var codes = window.UnitpressCodes;
  var riceNorms = codes.riceNorms, decodePostings = codes.decodePostings;

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
    /* Per kind, its documents ascending: the postings number documents within their kind. */
    var classes = m.kinds.map(function (kind, k) {
      var size = 0;
      units.forEach(function (u) { size += u.kinds[k] || 0; });
      return new Int32Array(size);
    });
    var classSize = m.kinds.map(function () { return 0; });
    units.forEach(function (u) {
      u.base = next;
      u.kindStart = [];
      u.kinds.forEach(function (count, k) {
        u.kindStart.push(next);
        for (var i = 0; i < count; i++) {
          unitOf[next] = u.index; kindOf[next] = k; classes[k][classSize[k]++] = next; next++;
        }
      });
      u.count = next - u.base;
      u.trie = null;
    });
    /* Each kind's label terms that a word begins, worked out once per word: every unit's
       group of that kind asks. */
    var kindExpand = m.kinds.map(function (k) {
      var t = trie(k.terms), memo = {};
      return function (token) { return memo[token] || (memo[token] = t.expandToken(token)); };
    });
    /* The kinds whose label holds a term, by term. */
    var kindsWith = {};
    function kindsHolding(key) {
      if (!kindsWith[key]) {
        kindsWith[key] = [];
        m.kinds.forEach(function (kind, j) { if (kind.terms.indexOf(key) !== -1) kindsWith[key].push(j); });
      }
      return kindsWith[key];
    }
    var termParts = [], lengthParts = [], criteria = [];
    var termAt = {};
    var decoded = { title: {}, body: {} };
    /* Each document's field-length norm, 1 / sqrt(terms in the field) as elasticlunr works it
       out for every posting, worked out once when the lengths load. */
    var norms = { title: new Float64Array(N), body: new Float64Array(N) };
    /* The titles, addresses and snippets of results, in parts of their own
       (search-results.js). */
    var resultData = window.UnitpressResultData.create(m, function (doc) { return units[unitOf[doc]].folder; });
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
    /* Kept until a term part loads (addTerms): a query asks for each word's terms several
       times, and a word of one letter begins hundreds. */
    var expanded = { title: {}, body: {} };
    function expand(field, token) {
      var memo = expanded[field];
      if (memo[token]) return memo[token];
      var keys = [];
      partsFor(token).forEach(function (p) {
        termParts[p].terms.forEach(function (t, i) {
          if (t.indexOf(token) === 0 && termParts[p][field][i]) keys.push(t);
        });
      });
      return (memo[token] = keys.sort(trieOrder));
    }

    /* A term's postings in `field`, decoded once, with its idf in each unit that holds it
       (elasticlunr's 1 + ln(documents / (df + 1)), the unit being the index it would score
       in). */
    var unitDf = new Int32Array(units.length);
    /* Where postings are decoded before they are copied out at their length. */
    var scratch = { docs: new Int32Array(N), counts: new Int32Array(N) };
    function postings(field, term) {
      var cache = decoded[field];
      if (!cache[term]) {
        var at = termAt[term], p = decodePostings(termParts[at[0]][field][at[1]], classes, scratch);
        var ds = p.docs, i, idf = new Float64Array(units.length);
        unitDf.fill(0);
        for (i = 0; i < ds.length; i++) unitDf[unitOf[ds[i]]]++;
        for (i = 0; i < units.length; i++) if (unitDf[i]) idf[i] = 1 + Math.log(units[i].count / (unitDf[i] + 1));
        p.idf = idf;
        cache[term] = p;
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
    var total = new Float64Array(N), totalStamp = new Int32Array(N), weighted = new Float64Array(N);
    var weights = m.kinds.map(function (k) { return k.weight; });

    /* The documents (within unit `only`, if any) that `field` finds for `toks` with `bool`:
       with AND, those holding a term of every word. */
    function members(field, toks, bool, only) {
      var s = ++stamp, found = [], or = bool === "OR", within = only ? only.index : -1;
      for (var t = 0; t < toks.length; t++) {
        var seen = ++stamp, keys = expand(field, toks[t]);
        for (var k = 0; k < keys.length; k++) {
          var ds = postings(field, keys[k]).docs;
          for (var i = 0; i < ds.length; i++) {
            var doc = ds[i];
            if (within !== -1 && unitOf[doc] !== within) continue;
            if (partStamp[doc] === seen) continue;
            partStamp[doc] = seen;
            if (memberStamp[doc] !== s) { memberStamp[doc] = s; member[doc] = 0; }
            if (member[doc] === t) { member[doc]++; if (t === 0) found.push(doc); }
            else if (or && member[doc] === 0) { member[doc] = 1; found.push(doc); }
          }
        }
      }
      var n = toks.length;
      return or ? found : found.filter(function (doc) { return member[doc] === n; });
    }

    /* Scores `docs` (the field's members) as elasticlunr's fieldSearch does, into `acc`. */
    function scoreField(field, toks, bool, docs) {
      var mine = ++stamp, d, doc;
      for (d = 0; d < docs.length; d++) { memberStamp[docs[d]] = mine; exact[docs[d]] = 0; }
      var inAcc = ++stamp, norm = norms[field];
      for (var t = 0; t < toks.length; t++) {
        var token = toks[t], q = ++stamp, touched = [], keys = expand(field, token);
        for (var k = 0; k < keys.length; k++) {
          var key = keys[k], p = postings(field, key), ds = p.docs, counts = p.counts, idf = p.idf;
          var isToken = key === token;
          var penalty = isToken ? 1 : (1 - (key.length - token.length) / key.length) * 0.15;
          for (var i = 0; i < ds.length; i++) {
            doc = ds[i];
            if (memberStamp[doc] !== mine) continue;
            if (isToken) exact[doc]++;
            var score = Math.sqrt(counts[i]) * idf[unitOf[doc]] * norm[doc] * penalty;
            if (partStamp[doc] === q) part[doc] += score;
            else { partStamp[doc] = q; part[doc] = score; touched.push(doc); }
          }
        }
        for (d = 0; d < touched.length; d++) {
          doc = touched[d];
          if (accStamp[doc] === inAcc) acc[doc] = acc[doc] + part[doc];
          else { accStamp[doc] = inAcc; acc[doc] = part[doc]; }
        }
      }
      var n = toks.length;
      for (d = 0; d < docs.length; d++) {
        doc = docs[d];
        if (exact[doc]) acc[doc] = acc[doc] * exact[doc] / n;
      }
    }

    /* The `unit` and `kind` fields hold the same terms for every document of a unit (of a
       kind in a unit), so they are scored once for each such group, as elasticlunr would score
       any one of its documents: `groups` lists {unit, expand(token), docs: [first, end), df(key)},
       expand giving the field's terms that a word begins, in the engine's order. */
    function scoreGroups(toks, bool, groups, fieldLength) {
      var n = toks.length, out = [];
      groups.forEach(function (g) {
        var score = null, exactCount = 0, all = true;
        toks.forEach(function (token) {
          var keys = g.expand(token);
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

    /* A unit's terms that `token` begins, from its trie (made the first time one does: most
       units' few terms begin no word of a query). */
    function unitExpand(u) {
      return function (token) {
        if (!u.terms.some(function (t) { return t.indexOf(token) === 0; })) return [];
        if (!u.trie) u.trie = trie(u.terms);
        return u.trie.expandToken(token);
      };
    }

    function unitGroups(only) {
      return units.filter(function (u) { return u.count && (!only || u === only); }).map(function (u) {
        return { unit: u, expand: unitExpand(u), first: u.base, end: u.base + u.count, df: function () { return u.count; } };
      });
    }

    function kindGroups(only) {
      var out = [];
      units.forEach(function (u) {
        if (only && u !== only) return;
        u.kinds.forEach(function (count, k) {
          if (!count) return;
          out.push({
            unit: u, kind: k, expand: kindExpand[k], first: u.kindStart[k], end: u.kindStart[k] + count,
            df: function (key) {
              var df = 0;
              kindsHolding(key).forEach(function (j) { df += u.kinds[j]; });
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
       finds nothing at all. The last query's are kept: needs() finds them, then search() ranks
       them. A new term part may change them, and forgets them. */
    var lastFound = null;
    function found(query, only) {
      var key = (only ? only.index : -1) + " " + query;
      if (lastFound && lastFound.key === key) return lastFound.value;
      var toks = tokens(query);
      var and = matches(toks, "AND", only), value;
      if (!empty(and)) value = { toks: toks, bool: "AND", fields: and };
      else value = { toks: toks, bool: "OR", fields: matches(toks, "OR", only) };
      lastFound = { key: key, value: value };
      return value;
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
       search() can rank it: the parts of its terms and criterion ids and, when it has a term,
       the field lengths of every document it could find (those of the units searched). They
       are asked for at once: a query of common words finds documents across most of the
       course, and waiting for its postings to tell which lengths it needs would take one more
       round of loading. */
    function needs(query, only) {
      var missing = missingTerms(query).concat(missingCriteria(query));
      if (!tokens(query).length) return missing;
      var u = unitNamed(only), first = u ? u.base : 0, end = u ? u.base + u.count : N;
      for (var p = Math.floor(first / m.lengths.size); p * m.lengths.size < end; p++) {
        if (!lengthParts[p]) missing.push(path(m.lengths.path, p));
      }
      return missing;
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

    /* The documents `query` finds, with their scores as the engine works them out in `total`
       (before the kinds' weights). */
    function rank(query, only) {
      var f = found(query, only), s = ++stamp, present = [];
      function add(doc, value) {
        if (totalStamp[doc] !== s) { totalStamp[doc] = s; total[doc] = 0; present.push(doc); }
        total[doc] += value;
      }
      Object.keys(fields).forEach(function (name) {
        var boost = fields[name].boost, d;
        if (name === "title" || name === "body") {
          var docs = f.fields[name];
          scoreField(name, f.toks, f.bool, docs);
          for (d = 0; d < docs.length; d++) add(docs[d], acc[docs[d]] * boost);
        } else {
          f.fields[name].forEach(function (r) {
            var value = r.score * boost;
            for (var doc = r.group.first; doc < r.group.end; doc++) add(doc, value);
          });
        }
      });
      return present;
    }

    /* Results, best first: `length`, and slice(from, to) gives them as {unit, doc, id, score}
       (made only for the results asked for: a common word finds tens of thousands). */
    function Results(order, scores) {
      this.length = order.length;
      this.slice = function (from, to) {
        var out = [], end = Math.min(to === undefined ? order.length : to, order.length);
        for (var i = from || 0; i < end; i++) {
          var doc = order[i];
          out.push({ unit: units[unitOf[doc]].slug, doc: docObject(doc), id: doc, score: scores[i] });
        }
        return out;
      };
    }

    /* Results for `query` over the course (or unit `only`, a slug), best first: a criterion id
       in the query ("P4", "unit 10 p4", "1.3") puts that criterion first, of the unit the query
       names or of any, and of `pageUnit` before others. `kind` ("" for any) keeps one kind.
       The order is the engine's: each unit's results by score (ties by document), the units in
       the course's order, then all of them sorted by score times the kind's weight, ties kept
       in that order. */
    function search(query, onlySlug, kind, pageUnit) {
      var words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var ids = criterionIds(query);
      var only = onlySlug ? unitNamed(onlySlug) : null;
      var searched = only ? [only] : units;
      var named = searched.filter(function (u) {
        return words.join(" ").indexOf(u.label.toLowerCase()) !== -1 || words.indexOf(u.slug) !== -1;
      });
      var present = rank(query, only);
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
        if (kind === "" || String(kindOf[doc]) === kind) first.push({ doc: doc, score: (u.slug === pageUnit ? 2e6 : 1e6) - order });
      });
      first.sort(function (a, b) { return b.score - a.score; });
      var list = new Int32Array(present.length), n = 0, d;
      for (d = 0; d < present.length; d++) {
        var doc = present[d];
        if (firstIds[doc] || (kind !== "" && String(kindOf[doc]) !== kind)) continue;
        weighted[doc] = total[doc] * weights[kindOf[doc]];
        list[n++] = doc;
      }
      list = list.subarray(0, n).sort(function (a, b) {
        return weighted[b] - weighted[a] || unitOf[a] - unitOf[b] || total[b] - total[a] || a - b;
      });
      // The criteria put first, merged in: before the results of an equal score.
      var order = new Int32Array(first.length + n), scores = new Float64Array(first.length + n);
      for (var i = 0, j = 0, k = 0; k < order.length; k++) {
        if (i < first.length && (j === n || first[i].score >= weighted[list[j]])) {
          order[k] = first[i].doc; scores[k] = first[i++].score;
        } else {
          order[k] = list[j]; scores[k] = weighted[list[j++]];
        }
      }
      return new Results(order, scores);
    }

    return {
      needs: needs,
      search: search,
      docScripts: resultData.scripts,
      fill: resultData.fill,
      label: function (slug) { var u = unitNamed(slug); return u ? u.label : slug; },
      addTerms: function (n, data) {
        var terms = data.terms ? data.terms.split(" ") : [];
        termParts[n] = { terms: terms, title: data.title, body: data.body };
        lastFound = null;
        expanded = { title: {}, body: {} };
        terms.forEach(function (t, i) { termAt[t] = [n, i]; });
      },
      addLengths: function (n, data) {
        var start = n * m.lengths.size, end = Math.min(N, start + m.lengths.size);
        riceNorms(data.title[1], data.title[0], norms.title, start, end);
        riceNorms(data.body[1], data.body[0], norms.body, start, end);
        lengthParts[n] = true;
      },
      addDocs: resultData.add,
      setVocabulary: resultData.setVocabulary,
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
