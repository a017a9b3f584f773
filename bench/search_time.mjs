// Search time and bytes per query, unitpress beside Pagefind, in headless Chromium.
//
//   node bench/search_time.mjs SITE_DIR [--pagefind PAGEFIND_SITE] [QUERY...]
//
// unitpress: the built site's search page opened from disk (file://) with ?q=. Cold: a fresh
// browser context for each query (nothing cached), timed from the start of navigation to the ranked
// results (performance mark unitpress-search-ranked) and to their data shown (title, address,
// snippet: the mark unitpress-search-details, set once when the first five are shown, about what a
// phone's screen holds, and again when the rest of the first page of twenty are). Warm: on that
// page, each further keystroke of the query's last word typed again (for "customer complaint":
// "customer c", "customer co", …) and submitted, timed from the submit to its first results (the
// ranked mark) and to the first twenty results' data. Bytes: every search script the cold query
// loaded (library, manifest, index parts, result data and its vocabulary), each counted gzipped
// (gzip -9) as a server would send it.
//
// "page parsed" is when the page's HTML was parsed (domInteractive), on the same clock: the part of
// a cold search that is the browser's own work on a fresh page, before any search script can run.
// "first letter" is the first warm keystroke, a word of one letter, which elasticlunr expands to
// every term it begins.
//
// Pagefind (PAGEFIND_SITE: a copy of the built site on which `pagefind --site` was run) needs
// fetch, a worker and WebAssembly, so it is served over loopback (tests/browser/lib.mjs's static
// server). Its API is timed the same way: search() for the first results, then data() of the first
// five, then of the rest of the first twenty; warm keystrokes on the same page, to the first
// results and to the first twenty's data; bytes of every file under /pagefind/ fetched, counted as
// sent gzipped or as stored when already compressed.
//
// Needs the npm packages of tests/browser (`npm ci --prefix tests/browser`).

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { fileUrl, launchBrowser, startStaticServer } from '../tests/browser/lib.mjs';

const argv = process.argv.slice(2);
const site = argv.shift();
let pagefindSite = null;
if (argv[0] === '--pagefind') { argv.shift(); pagefindSite = argv.shift(); }
// Each query's cold search, on a fresh browser context each time, this many times (RUNS=n): a
// page's first load on this machine varies by a hundred milliseconds or more from one to the
// next, so one run says little. The table gives the median of each figure over the runs.
const runs = Math.max(1, Number(process.env.RUNS || 1));
if (!site) {
  console.error('usage: [RUNS=n] node bench/search_time.mjs SITE_DIR [--pagefind PAGEFIND_SITE] [QUERY...]');
  process.exit(2);
}
const queries = argv.length ? argv : ['customer complaint', 'rapport', 'escalation policy'];

// The bytes a server would send for a file: gzipped, unless that is no smaller.
async function sentBytes(file) {
  const raw = await readFile(file);
  return Math.min(raw.length, gzipSync(raw, { level: 9 }).length);
}

// The keystrokes after the first query: the last word typed again, one letter at a time.
function keystrokes(q) {
  const cut = q.lastIndexOf(' ') + 1;
  const out = [];
  for (let i = cut + 1; i < q.length; i++) out.push(q.slice(0, i));
  return out.concat([q]);
}

// One run made of the median of each figure over `all` (the warm keystrokes one by one).
function medianRun(all) {
  const m = (key) => median(all.map((r) => r[key]));
  const warm = all[0].warm.map((_, i) => ({
    first: median(all.map((r) => r.warm[i].first)),
    page: median(all.map((r) => r.warm[i].page)),
  }));
  return { parsed: m('parsed'), first: m('first'), data: m('data'), page: m('page'), warm, bytes: m('bytes'), files: m('files'), text: all[0].text };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const ms = (x) => `${Math.round(x)} ms`;
const spread = (xs) => `${ms(median(xs))}, ${ms(Math.max(...xs))} (${xs.length})`;
const kb = (x) => `${(x / 1024).toFixed(0)} KB`;

async function unitpress(browser, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Set();
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('file:') && /\/search\/[a-z]+\/\d+\.js$|\/search\/(manifest|words|vocabulary)\.js$|\/assets\/(search|search-page|search-codes|search-results|search-index|vendor\/elasticlunr\.min)\.js$/.test(u)) files.add(fileURLToPath(u));
  });
  await page.goto(`${fileUrl(site, 'search/index.html')}?q=${encodeURIComponent(q)}`);
  const count = page.locator('#search-count').filter({ hasNotText: /^Searching/ }).filter({ hasText: /./ });
  await count.waitFor({ timeout: 120000 });
  // Each mark's times, in order: the details mark is set for the first five, then for the page.
  const marks = await page.evaluate(() => {
    const out = {};
    for (const m of performance.getEntriesByType('mark')) (out[m.name] = out[m.name] || []).push(m.startTime);
    return out;
  });
  const parsed = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domInteractive);
  let bytes = 0;
  for (const f of files) bytes += await sentBytes(f);
  const loaded = files.size;
  const warm = [];
  for (const k of keystrokes(q)) {
    const took = await page.evaluate((k) => new Promise((resolve) => {
      const input = document.querySelector('#search-q');
      const status = document.querySelector('#search-count');
      const start = performance.now();
      // Once the status names the query: its first results (the ranked mark) and the first
      // twenty's data (the last details mark), as for the cold search.
      new MutationObserver((_, obs) => {
        if (!status.textContent.includes(`“${k}”`) && !status.textContent.startsWith('No results')) return;
        obs.disconnect();
        const after = (name) => performance.getEntriesByName(name).filter((m) => m.startTime >= start);
        const ranked = after('unitpress-search-ranked'), details = after('unitpress-search-details');
        const done = performance.now() - start;
        resolve({
          first: ranked.length ? ranked[0].startTime - start : done,
          page: details.length ? details[details.length - 1].startTime - start : done,
        });
      }).observe(status, { childList: true, characterData: true, subtree: true });
      input.value = k;
      input.form.requestSubmit();
    }), k);
    warm.push(took);
  }
  const text = await count.textContent();
  await context.close();
  const details = marks['unitpress-search-details'] || [];
  return { parsed, first: marks['unitpress-search-ranked'][0], data: details[0], page: details[details.length - 1], warm, bytes, files: loaded, text };
}

async function pagefind(browser, server, q) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const urls = new Set();
  page.on('request', (r) => { if (r.url().includes('/pagefind/')) urls.add(new URL(r.url()).pathname); });
  await page.goto(new URL('pagefind-bench.html', server.url).href);
  await page.waitForFunction(() => window.pagefindReady === true, null, { timeout: 60000 });
  const cold = await page.evaluate((q) => window.timedSearch(q), q);
  const parsed = await page.evaluate(() => performance.getEntriesByType('navigation')[0].domInteractive);
  let bytes = 0;
  for (const u of urls) bytes += await sentBytes(path.join(pagefindSite, decodeURIComponent(u)));
  const loaded = urls.size;
  const warm = [];
  for (const k of keystrokes(q)) warm.push(await page.evaluate((k) => window.timedSearch(k), k));
  await context.close();
  return { parsed, first: cold.navFirst, data: cold.navData, page: cold.navPage, warm, bytes, files: loaded, text: `${cold.count} results` };
}

// A page that loads Pagefind's API and times a query: from navigation start for the first
// query (cold), from the call for later ones.
const PAGEFIND_PAGE = `<!doctype html><meta charset="utf-8"><title>Pagefind bench</title>
<script type="module">
const pf = await import('./pagefind/pagefind.js');
await pf.init();
window.timedSearch = async (q) => {
  const t0 = performance.now();
  const r = await pf.search(q);
  const t1 = performance.now();
  await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
  const t2 = performance.now();
  await Promise.all(r.results.slice(5, 20).map((x) => x.data()));
  const t3 = performance.now();
  return { count: r.results.length, navFirst: t1, navData: t2, navPage: t3, first: t1 - t0, data: t2 - t0, page: t3 - t0 };
};
window.pagefindReady = true;
</script>`;

const browser = await launchBrowser();
let server = null;
try {
  if (pagefindSite) {
    await writeFile(path.join(pagefindSite, 'pagefind-bench.html'), PAGEFIND_PAGE);
    server = await startStaticServer(pagefindSite);
  }
  console.log('| query | tool | cold: page parsed | cold: first results | cold: first 5 results\' data | cold: first 20 results\' data | warm: first results per keystroke (median, max) | warm: first 20 results\' data (median, max) | warm: first letter (first results) | warm: slowest after the first letter (first results) | bytes per cold query (gz) | files | results |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const q of queries) {
    const tools = [['unitpress (file://)', (q) => unitpress(browser, q)]];
    if (server) tools.push(['Pagefind (loopback)', (q) => pagefind(browser, server, q)]);
    const rows = [];
    for (const [tool, measure] of tools) {
      const all = [];
      for (let i = 0; i < runs; i++) all.push(await measure(q));
      rows.push([tool, medianRun(all)]);
    }
    for (const [tool, r] of rows) {
      console.log(`| ${q} | ${tool} | ${ms(r.parsed)} | ${ms(r.first)} | ${ms(r.data)} | ${ms(r.page)} | ${spread(r.warm.map((w) => w.first))} | ${spread(r.warm.map((w) => w.page))} | ${ms(r.warm[0].first)} | ${r.warm.length > 1 ? ms(Math.max(...r.warm.slice(1).map((w) => w.first))) : '-'} | ${kb(r.bytes)} | ${r.files} | ${r.text.match(/^\d+|^No results/)?.[0]} |`);
    }
  }
} finally {
  await browser.close();
  if (server) await server.close();
}
