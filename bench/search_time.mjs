// How long a search across every unit takes in the browser, from disk: the search page is
// opened with ?q= (file://, no server) in headless Chromium, which loads the engine, the
// manifest and every unit's index script, and the time runs until the result count is shown.
//
//   node bench/search_time.mjs SITE_DIR [QUERY...]
//
// Needs the npm packages of tests/browser (`npm ci --prefix tests/browser`).

import { launchBrowser, fileUrl } from '../tests/browser/lib.mjs';

const [site, ...asked] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench/search_time.mjs SITE_DIR [QUERY...]');
  process.exit(2);
}
const queries = asked.length ? asked : ['customer complaint', 'rapport', 'escalation policy'];
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  for (const q of queries) {
    const start = Date.now();
    await page.goto(`${fileUrl(site, 'search/index.html')}?q=${encodeURIComponent(q)}`);
    const count = page.locator('#search-count').filter({ hasNotText: /^Searching/ }).filter({ hasText: /./ });
    await count.waitFor({ timeout: 120000 });
    console.log(`search across all units, "${q}": ${Date.now() - start} ms (${await count.textContent()})`);
  }
} finally {
  await browser.close();
}
