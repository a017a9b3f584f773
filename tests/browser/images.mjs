// node images.mjs SITE_DIR REL_PATH...
// Opens each page over file:// and checks that every image on it has loaded (naturalWidth > 0,
// lazy ones after scrolling them into view), with the width and height the page gives it, and
// that each download link leads to a file that exists; then runs axe on the page.

import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { args, axeClean, check, fileUrl, launchBrowser, run } from './lib.mjs';

const [siteDir, ...pages] = args('SITE_DIR REL_PATH...', 2);

await run(async () => {
  const browser = await launchBrowser();
  try {
    for (const rel of pages) {
      const tab = await browser.newPage();
      await tab.goto(fileUrl(siteDir, rel));
      const images = tab.locator('main img');
      const count = await images.count();
      check(count > 0, `${rel}: has images`);
      for (let i = 0; i < count; i++) {
        const img = images.nth(i);
        await img.scrollIntoViewIfNeeded();
        await tab.waitForFunction((el) => el.complete, await img.elementHandle());
        const seen = await img.evaluate((el) => ({
          src: el.getAttribute('src'),
          natural: el.naturalWidth,
          width: el.getAttribute('width'),
          height: el.getAttribute('height'),
          alt: el.getAttribute('alt'),
        }));
        check(seen.natural > 0, `${rel}: ${seen.src} loads from disk`, JSON.stringify(seen));
        check(Number(seen.width) > 0 && Number(seen.height) > 0, `${rel}: ${seen.src} has its size`);
        check(seen.alt !== null, `${rel}: ${seen.src} has an alt attribute`);
      }
      const downloads = await tab.locator('a:has(.file-meta)').evaluateAll((links) => links.map((a) => a.href));
      for (const href of downloads) {
        const file = fileURLToPath(href.split('#')[0]);
        check(statSync(file, { throwIfNoEntry: false })?.isFile() ?? false, `${rel}: download ${href} exists`);
      }
      await axeClean(tab, rel);
      await tab.close();
    }
  } finally {
    await browser.close();
  }
});
