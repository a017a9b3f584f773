// Same results in the same order as the search unitpress had before its index was laid out by
// term: for a fixed set of queries, the first ten results the search page shows (site opened from
// disk in Chromium) are those of the reference engine (search-lib.mjs: one elasticlunr.js index
// per unit, searched unit by unit), address for address, #fragment included.
// Usage: node search-same.mjs SITE_DIR [QUERY...]

import { args, check, fileUrl, launchBrowser, run } from './lib.mjs';
import { referenceEngine } from './search-lib.mjs';

const [siteDir, ...asked] = args('SITE_DIR [QUERY...]', 1);
const QUERIES = [
  'customer complaint', 'rapport', 'escalation policy', 'mystery shopper', 'customer feedback survey',
  'compl', 'cust serv', 'p4', 'unit 10 p4', 'm2', '1.3', 'unit', 'criterion', 'quiz', 'teaching content',
  'handling complaints policy', 'the and of', 'xqzvbnw refund',
];

run(async () => {
  const reference = await referenceEngine(siteDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    for (const q of asked.length ? asked : QUERIES) {
      await page.goto(`${fileUrl(siteDir, 'search/index.html')}?q=${encodeURIComponent(q)}`);
      await page.locator('#search-count').filter({ hasNotText: /^Searching/ }).filter({ hasText: /./ }).waitFor({ timeout: 60000 });
      const shown = await page.locator('#search-results > li:not(.suggestion):not(.more-results) a').evaluateAll((as) => as.slice(0, 10).map((a) => a.href));
      const want = reference(q).slice(0, 10).map((r) => fileUrl(siteDir, r.url.split('#')[0]) + (r.url.includes('#') ? `#${r.url.split('#')[1]}` : ''));
      const same = JSON.stringify(shown) === JSON.stringify(want);
      check(same, `"${q}": the same first ${want.length} results in the same order`,
        same ? '' : want.map((w, i) => `${w === shown[i] ? ' ' : '≠'} ${w.slice(-70)} | ${(shown[i] || '').slice(-70)}`).join('\n'));
    }
  } finally {
    await browser.close();
  }
});
