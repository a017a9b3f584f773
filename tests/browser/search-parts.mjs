// What a search from disk loads (the request log of a fresh page): the term parts of the query's
// words and of the terms they begin, and none other; the result data of the results shown only
// (one part for each at most); no part twice. Usage: node search-parts.mjs SITE_DIR [QUERY...]

import { args, check, fileUrl, launchBrowser, run } from './lib.mjs';
import { partNumber, readManifest, termParts } from './search-lib.mjs';

const [siteDir, ...asked] = args('SITE_DIR [QUERY...]', 1);
const QUERIES = ['customer complaint', 'rapport', 'escalation policy', 'compl', 'mystery shopper'];

run(async () => {
  const manifest = await readManifest(siteDir);
  const browser = await launchBrowser();
  try {
    for (const q of asked.length ? asked : QUERIES) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const requested = [];
      page.on('request', (r) => requested.push(r.url()));
      await page.goto(`${fileUrl(siteDir, 'search/index.html')}?q=${encodeURIComponent(q)}`);
      await page.locator('#search-count').filter({ hasNotText: /^Searching/ }).filter({ hasText: /./ }).waitFor({ timeout: 60000 });
      const shown = await page.locator('#search-results > li:not(.suggestion):not(.more-results)').count();
      const of = (folder) => requested.filter((u) => u.includes(`/search/${folder}/`)).map(partNumber);
      const terms = of('terms').sort((a, b) => a - b);
      const expected = termParts(manifest, q);
      check(JSON.stringify(terms) === JSON.stringify(expected), `"${q}": only the term parts of its words load (${terms.length} of ${manifest.terms.firsts.length})`, `${terms} vs ${expected}`);
      const docs = of('docs');
      check(docs.length <= shown, `"${q}": result data for the ${shown} results shown only (${docs.length} parts)`, docs.join(' '));
      check(new Set(requested).size === requested.length, `"${q}": no script loads twice`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});
