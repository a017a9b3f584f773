// node axe.mjs SITE_DIR REL_PATH... (a REL_PATH may end in a ?query: the search page's)
// Opens each page over file:// in the light and the dark colour scheme and runs axe-core's
// WCAG 2.2 A/AA rules; a page and scheme with any violation fails with axe's findings.

import { args, check, fileUrl, formatViolations, launchBrowser, run, runAxe } from './lib.mjs';

const [siteDir, ...pages] = args('SITE_DIR REL_PATH...', 2);

await run(async () => {
  const browser = await launchBrowser();
  try {
    for (const page of pages) {
      for (const colorScheme of ['light', 'dark']) {
        // A fresh context per run, so nothing a page stores (a chosen theme, say) carries over.
        const context = await browser.newContext();
        try {
          const tab = await context.newPage();
          await tab.emulateMedia({ colorScheme });
          const [file, query] = page.split('?');
          await tab.goto(fileUrl(siteDir, file) + (query ? `?${query}` : ''));
          if (query) await tab.locator('#search-count').filter({ hasNotText: /^Searching/ }).filter({ hasText: /./ }).waitFor();
          const violations = await runAxe(tab);
          const name = `axe: ${page} (${colorScheme})`;
          check(violations.length === 0, name, formatViolations(violations));
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
});
