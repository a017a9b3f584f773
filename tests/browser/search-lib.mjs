// Reading a built site's search index in Node, for the search checks: its manifest, which term
// parts a query needs (worked out here on its own, not by the site's reader), and a reference
// engine that ranks as unitpress's search did before the index was laid out by term: one
// elasticlunr.js index per unit holding all of that unit's postings, searched unit by unit as
// the old search.js did. Its data comes from the site's parts, decoded here.

import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const elasticlunr = require('elasticlunr');

// Runs the index scripts in `files` with a UnitpressSearch that records what they hand it.
async function runScripts(files) {
  const got = { manifest: null, terms: [], lengths: [], docs: [], criteria: [], vocabulary: null };
  const UnitpressSearch = {
    setManifest: (m) => { got.manifest = m; },
    addTerms: (n, d) => { got.terms[n] = d; },
    addLengths: (n, d) => { got.lengths[n] = d; },
    addDocs: (n, d) => { got.docs[n] = d; },
    setVocabulary: (v) => { got.vocabulary = v; },
    addCriterion: (n, d) => { got.criteria[n] = d; },
    setWords: () => {},
  };
  const context = vm.createContext({ UnitpressSearch });
  for (const f of files) vm.runInContext(await readFile(f, 'utf8'), context);
  return got;
}

export async function readManifest(siteDir) {
  return (await runScripts([path.join(siteDir, 'search/manifest.js')])).manifest;
}

// The number of a part from its address (search/terms/12.js → 12).
export function partNumber(url) {
  return Number(url.match(/(\d+)\.js$/)[1]);
}

// The query's words as the engine reads them.
export function queryTerms(q) {
  return elasticlunr().pipeline.run(elasticlunr.tokenizer(q));
}

// The term parts that can hold a term beginning with one of the query's words: part i holds the
// terms from firsts[i] up to firsts[i + 1].
export function termParts(manifest, q) {
  const f = manifest.terms.firsts;
  const parts = new Set();
  for (const t of queryTerms(q)) {
    f.forEach((first, i) => {
      const startsBefore = i === 0 || first <= t || first.startsWith(t);
      const endsAfter = i + 1 === f.length || f[i + 1] > t;
      if (startsBefore && endsAfter) parts.add(i);
    });
  }
  return [...parts].sort((a, b) => a - b);
}

// The range of document numbers of a unit: [start, end).
export function unitRange(manifest, slug) {
  let start = 0;
  for (const u of manifest.units) {
    const count = u.kinds.reduce((a, b) => a + b, 0);
    if (u.slug === slug) return { start, end: start + count };
    start += count;
  }
  throw new Error(`no unit ${slug}`);
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

function bits(code) {
  let i = 0;
  const all = [...code].flatMap((c) => { const v = DIGITS.indexOf(c); return [0, 1, 2, 3, 4, 5].map((b) => (v >> b) & 1); });
  // Past the end is a misread code (a parameter worked out unlike the build's): fail, not spin.
  const read = (w) => {
    let v = 0;
    for (let b = 0; b < w; b++) {
      if (i >= all.length) throw new Error('a code of the index ends early');
      v |= all[i++] << b;
    }
    return v;
  };
  return {
    bit: () => read(1),
    gamma() { let z = 0; while (read(1) === 0) z++; return (1 << z) | read(z); },
    rice(k) { let q = 0; while (read(1) === 1) q++; return (q << k) | read(k); },
  };
}

// Per kind, the documents of that kind ascending: the postings number documents within their
// kind (src/search/postings.rs).
function kindClasses(m) {
  const classes = m.kinds.map(() => []);
  let doc = 0;
  for (const u of m.units) u.kinds.forEach((count, k) => { for (let i = 0; i < count; i++) classes[k].push(doc++); });
  return classes;
}

function decode(code, classes) {
  if (!code) return [];
  const r = bits(code);
  const parameter = (n, of) => { let k = 0; while (n && n * (2 << k) * 10 <= of * 9) k++; return k; };
  const out = [];
  for (const global of classes) {
    const n = r.gamma() - 1;
    if (!n) continue;
    const list = [];
    let next = 0;
    for (let j = 0, k = parameter(n, global.length); j < n; j++) { const local = next + r.rice(k); list.push([global[local], 1]); next = local + 1; }
    // Then the postings whose count is not 1, and their counts.
    const more = r.gamma() - 1;
    next = 0;
    for (let j = 0, k = parameter(more, n); j < more; j++) { const i = next + r.rice(k); list[i][1] = r.gamma() + 1; next = i + 1; }
    out.push(...list);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

// A text of the result data (src/search/text.rs): Huffman-coded runs of the vocabulary table
// [symbols, lengths], 0 ending the text and 1 spelling a run out; a space between two words.
function readText(r, [symbols, lengths]) {
  const len = [...lengths].map((c) => DIGITS.indexOf(c));
  const codes = new Map();
  let code = 0;
  for (let l = 1; l <= Math.max(...len); l++) {
    len.forEach((x, s) => { if (x === l) codes.set(`${l}:${code++}`, s); });
    code <<= 1;
  }
  let out = '', prevWord = false;
  for (;;) {
    let c = 0, l = 0, s;
    do { c = (c << 1) | r.bit(); l++; s = codes.get(`${l}:${c}`); } while (s === undefined);
    if (s === 0) return out;
    let run = '';
    if (s === 1) for (let n = r.gamma(); n > 0; n--) run += String.fromCodePoint(r.gamma() - 1);
    else run = symbols[s - 2];
    const word = /^[\p{Alphabetic}\p{N}]/u.test(run);
    if (word && prevWord) out += ' ';
    out += run;
    prevWord = word;
  }
}

// The documents of part n of the result data: {title, path, fragment} (1: made from the title).
function readDocs(code, n, m, [title, snippet, where]) {
  const r = bits(code);
  const pages = [];
  for (let p = r.gamma() - 1; p > 0; p--) pages.push([readText(r, title), readText(r, where)]);
  const out = [];
  let page = null;
  for (let d = n * m.docs.size; d < Math.min(m.documents, (n + 1) * m.docs.size); d++) {
    // 1: the previous document's page; else the page plus 2.
    const which = r.gamma();
    if (which > 1) page = pages[which - 2];
    const t = readText(r, title), how = r.gamma();
    const fragment = how === 1 ? '' : how === 2 ? 1 : readText(r, where);
    readText(r, snippet);
    out.push({ page, title: t, fragment });
  }
  return out;
}

const FIELDS = { title: { boost: 3 }, body: { boost: 1 }, unit: { boost: 0.5 }, kind: { boost: 0.5 } };
const CRITERION_ID = /^([pmdk]\d{1,2}|\d{1,2}\.\d{1,2})$/i;

// The reference engine over a built site: search(q, only, kind, pageUnit) → [{url, score}],
// best first, as the per-unit search did.
export async function referenceEngine(siteDir) {
  const files = [path.join(siteDir, 'search/manifest.js')];
  for (const folder of ['terms', 'lengths', 'docs', 'criteria']) {
    for (const f of await readdir(path.join(siteDir, 'search', folder))) files.push(path.join(siteDir, 'search', folder, f));
  }
  const got = await runScripts(files);
  const m = got.manifest;
  const N = m.documents;
  const classes = kindClasses(m);
  const docs = [];
  const lengths = [[], []];
  got.lengths.forEach((part, n) => ['title', 'body'].forEach((field, f) => {
    const r = bits(part[field][1]);
    for (let d = n * m.lengths.size; d < Math.min(N, (n + 1) * m.lengths.size); d++) lengths[f][d] = r.rice(part[field][0]);
  }));
  const vocabulary = (await runScripts([path.join(siteDir, m.vocabulary)])).vocabulary;
  got.docs.forEach((code, n) => readDocs(code, n, m, vocabulary).forEach((d, i) => {
    const title = d.title || d.page[0];
    // 1: the heading's id, made from the title (ASCII: lower case, other runs a hyphen).
    const fragment = d.fragment === 1 ? title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : d.fragment;
    docs[n * m.docs.size + i] = { title, path: d.page[1], fragment };
  }));
  const criterionOf = [];
  got.criteria.forEach((list, n) => list.forEach((d) => { criterionOf[d] = m.criteria.ids[n]; }));
  // One elasticlunr index per unit, its documents numbered from 0 as the unit's own.
  const units = [];
  let base = 0;
  for (const u of m.units) {
    const count = u.kinds.reduce((a, b) => a + b, 0);
    const idx = elasticlunr(function () {
      this.setRef('id');
      Object.keys(FIELDS).forEach(this.addField, this);
      this.saveDocument(false);
    });
    const unitDocs = [];
    let kind = 0, left = u.kinds[0];
    for (let i = 0; i < count; i++) {
      while (left === 0) left = u.kinds[++kind];
      left--;
      const g = base + i, ref = String(i);
      idx.documentStore.addDoc(ref, null);
      idx.documentStore.addFieldLength(ref, 'title', lengths[0][g]);
      idx.documentStore.addFieldLength(ref, 'body', lengths[1][g]);
      idx.documentStore.addFieldLength(ref, 'unit', u.terms.length);
      idx.documentStore.addFieldLength(ref, 'kind', m.kinds[kind].terms.length);
      u.terms.forEach((t) => idx.index.unit.addToken(t, { ref, tf: 1 }));
      m.kinds[kind].terms.forEach((t) => idx.index.kind.addToken(t, { ref, tf: 1 }));
      unitDocs.push({ kind, criterion: criterionOf[g] || '', url: () => u.folder + docs[g].path + (docs[g].fragment ? `#${docs[g].fragment}` : '') });
    }
    units.push({ slug: u.slug, label: u.label, base, count, idx, docs: unitDocs });
    base += count;
  }
  // Every term's postings, in sorted order, as the old reader put them in.
  got.terms.forEach((part) => {
    const terms = part.terms ? part.terms.split(' ') : [];
    ['title', 'body'].forEach((field) => terms.forEach((t, i) => {
      for (const [doc, count] of decode(part[field][i], classes)) {
        const u = units.find((x) => doc >= x.base && doc < x.base + x.count);
        u.idx.index[field].addToken(t, { ref: String(doc - u.base), tf: Math.sqrt(count) });
      }
    }));
  });

  function match(list, query, bool) {
    const out = [];
    for (const u of list) {
      for (const r of u.idx.search(query, { fields: FIELDS, bool, expand: true })) {
        const doc = u.docs[Number(r.ref)];
        out.push({ unit: u.slug, doc, score: r.score * m.kinds[doc.kind].weight });
      }
    }
    return out;
  }

  return function search(query, only = '', kind = '', pageUnit = '') {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const ids = words.filter((w) => CRITERION_ID.test(w)).map((w) => w.toUpperCase());
    const list = units.filter((u) => !only || u.slug === only);
    const named = list.filter((u) => words.join(' ').indexOf(u.label.toLowerCase()) !== -1 || words.indexOf(u.slug) !== -1);
    let results = match(list, query, 'AND');
    if (!results.length) results = match(list, query, 'OR');
    const first = [];
    list.forEach((u, order) => {
      if (named.length && named.indexOf(u) === -1) return;
      u.docs.forEach((doc) => {
        if (doc.criterion && ids.indexOf(doc.criterion.toUpperCase()) !== -1) {
          first.push({ unit: u.slug, doc, score: (u.slug === pageUnit ? 2e6 : 1e6) - order });
        }
      });
    });
    results = first.concat(results.filter((r) => !first.some((f) => f.doc === r.doc)));
    if (kind !== '') results = results.filter((r) => String(r.doc.kind) === kind);
    return results.sort((a, b) => b.score - a.score).map((r) => ({ url: r.doc.url(), score: r.score }));
  };
}
