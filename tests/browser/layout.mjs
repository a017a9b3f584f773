// node layout.mjs SITE_DIR REL_PATH...
// Every page given (one of each page type), opened from disk at 320, 390 and 1280 px wide in the
// light and the dark colour scheme: nothing scrolls sideways (scrollWidth <= innerWidth), the
// sign-off controls of a progress page sit inside the screen, and at 320 px axe's WCAG 2.2 A/AA
// rules pass (the stacked, phone layout). Once per page: the footer links to the accessibility
// statement, and no element that takes the keyboard focus is hidden under another one when it has
// it (WCAG 2.2, 2.4.11). Last, the weight of a criterion page with its quiz, gzipped.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { args, check, fileUrl, formatViolations, launchBrowser, run, runAxe } from './lib.mjs';

const [siteDir, ...pages] = args('SITE_DIR REL_PATH...', 2);
const WIDTHS = [320, 390, 1280];
const QUIZ_PAGE = 'units/unit-10/criteria/p1/index.html';
const MAX_GZIPPED = 60 * 1024;

async function open(tab, rel) {
  const [file, query] = rel.split('?');
  await tab.goto(fileUrl(siteDir, file) + (query ? `?${query}` : ''));
  if (file.startsWith('search/')) {
    await tab.locator('#search-count').filter({ hasNotText: /^Searching/ }).filter({ hasText: /./ }).waitFor();
  }
}

// Runs in the page: how wide it is, and the elements that stick out of the screen (outside any
// element that scrolls or clips sideways), for the failure message.
function measure() {
  const clips = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX) && e !== document.documentElement && e !== document.body) return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !clips(e))
    .slice(0, 5)
    .map((e) => `${e.localName}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, wide };
}

// Runs in the page: the sign-off boxes and their labels that are not wholly on screen.
function offScreenSignOffs() {
  return [...document.querySelectorAll('.signed-off, .signed-off + label')]
    .filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width === 0 || r.left < 0 || r.right > innerWidth;
    })
    .map((e) => e.id || e.htmlFor);
}

// Tabs through the page, forwards then back (where a sticky header would cover what scrolls in
// at the top); for each element focused, whether another element covers its middle.
async function obscuredFocus(tab, stops) {
  const hidden = [];
  await tab.locator('body').focus();
  for (let i = 0; i < 2 * stops; i++) {
    await tab.keyboard.press(i < stops ? 'Tab' : 'Shift+Tab');
    const problem = await tab.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return null;
      const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(r.top + Math.min(r.height, 40) / 2, 0), innerHeight - 1);
      const top = document.elementFromPoint(x, y);
      if (top && (el.contains(top) || top.contains(el) || (el.labels && [...el.labels].some((l) => l.contains(top))))) return null;
      const name = `${el.localName}${el.id ? `#${el.id}` : ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}"`;
      return `${name} under ${top ? `${top.localName}.${[...top.classList].join('.')}` : 'nothing (off screen)'}`;
    });
    if (problem && !hidden.includes(problem)) hidden.push(problem);
  }
  return hidden;
}

await run(async () => {
  const browser = await launchBrowser();
  try {
    for (const width of WIDTHS) {
      for (const colorScheme of ['light', 'dark']) {
        const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
        const tab = await context.newPage();
        for (const rel of pages) {
          await open(tab, rel);
          const w = await tab.evaluate(measure);
          check(w.scrollWidth <= w.innerWidth, `${rel} at ${width} px (${colorScheme}): no sideways scrolling (${w.scrollWidth} <= ${w.innerWidth})`, w.wide.join('\n'));
          if (rel.includes('/progress/')) {
            const off = await tab.evaluate(offScreenSignOffs);
            const boxes = await tab.locator('.signed-off').count();
            check(boxes > 0 && off.length === 0, `${rel} at ${width} px (${colorScheme}): all ${boxes} sign-off controls on screen`, off.join(', '));
          }
          if (width === 320) {
            const v = await runAxe(tab);
            check(v.length === 0, `axe: ${rel} at 320 px (${colorScheme})`, formatViolations(v));
          }
          if (colorScheme === 'light' && width !== 320) {
            const hidden = await obscuredFocus(tab, 40);
            check(hidden.length === 0, `${rel} at ${width} px: no focused element is hidden under another`, hidden.join('\n'));
          }
          if (colorScheme === 'light' && width === 1280) {
            const statement = await tab.locator('footer a', { hasText: 'Accessibility statement' }).evaluateAll((as) => as.map((a) => a.href));
            check(statement.length === 1 && statement[0] === fileUrl(siteDir, 'accessibility/index.html'), `${rel}: the footer links to the accessibility statement`, statement.join('\n'));
          }
        }
        await context.close();
      }
    }

    // The page weight: the criterion page and everything it loads before search is used.
    const tab = await browser.newPage();
    await tab.goto(fileUrl(siteDir, QUIZ_PAGE));
    const files = await tab.evaluate(() => [
      location.href,
      ...[...document.querySelectorAll('script[src], link[rel="stylesheet"]')].map((e) => e.src || e.href),
    ]);
    let gzipped = 0;
    for (const url of files) gzipped += gzipSync(await readFile(fileURLToPath(url))).length;
    const kb = (gzipped / 1024).toFixed(1);
    check(gzipped < MAX_GZIPPED, `${QUIZ_PAGE} with its quiz weighs ${kb} KB gzipped (${files.length} files), under 60 KB`, files.join('\n'));
  } finally {
    await browser.close();
  }
});
