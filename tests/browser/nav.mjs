// The unit navigation in a real browser, pages opened from disk: on a wide screen a sidebar that
// the keyboard reaches before the content, with the current page marked; on a phone a menu
// button that opens and closes it by keyboard (Enter, Space, Escape back to the button), and
// without JavaScript the list itself; previous/next in teaching order; and the learner's status
// from saved progress in the sidebar, on the unit's dashboard and on the home page's cards.
// Usage: node nav.mjs SITE_DIR (a build of the bundled course).

import { args, check, fileUrl, formatViolations, launchBrowser, run, runAxe } from './lib.mjs';

const [siteDir] = args('SITE_DIR', 1);
const P4 = 'units/unit-10/criteria/p4/index.html';
const UNIT = 'units/unit-10/index.html';

// Presses Tab until `test` holds for the focused element (run in the page), at most `max` times;
// returns how many presses that took, or -1.
async function tabUntil(page, test, max = 60) {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return i;
  }
  return -1;
}

run(async () => {
  const browser = await launchBrowser();
  try {
    // Wide screen: the sidebar.
    const wide = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await wide.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(fileUrl(siteDir, P4));
    check(await page.locator('#unit-nav').isVisible(), 'at 1280 px the unit navigation is beside the page');
    check(!(await page.locator('.menu-button').isVisible()), 'at 1280 px there is no menu button');
    const current = await page.locator('#unit-nav [aria-current="page"]').allTextContents();
    check(current.length === 1 && current[0].startsWith('P4 '), 'the navigation marks the current page', current.join(' | '));
    const toNav = await tabUntil(page, () => !!document.activeElement.closest('#unit-nav'));
    const inMain = await page.evaluate(() => !!document.querySelector('main').contains(document.activeElement));
    check(toNav > 0 && !inMain, `the keyboard reaches the navigation (${toNav} Tabs) before the content`);
    await tabUntil(page, () => document.activeElement.textContent.startsWith('P5 '), 20);
    await Promise.all([page.waitForURL(/criteria\/p5\/index\.html$/), page.keyboard.press('Enter')]);
    check(page.url().endsWith('criteria/p5/index.html'), 'Enter on a navigation link opens it', page.url());

    // Previous and next, from P1 to the end.
    await page.goto(fileUrl(siteDir, 'units/unit-10/criteria/p1/index.html'));
    const order = [];
    for (;;) {
      order.push((await page.locator('h1 .criterion-id').textContent()).trim());
      const next = page.locator('a[rel="next"]');
      if (!(await next.count()) || !(await next.getAttribute('href')).includes('/criteria/')) break;
      await next.click();
    }
    check(order.join(' ') === 'P1 P2 P3 P4 P5 P6 M1 M2 D1 D2', 'Next leads through the criteria in teaching order', order.join(' '));
    await page.goto(fileUrl(siteDir, P4));
    check((await page.locator('a[rel="prev"]').textContent()).includes('P3 '), "P4's Previous is P3");

    // Saved progress shows in the sidebar, on the dashboard and on the home page.
    await page.evaluate(() => {
      UnitpressProgress.setSignedOff('unit-10/P1', true);
      UnitpressProgress.recordQuiz('unit-10/P2', 3, 6);
    });
    await page.goto(fileUrl(siteDir, UNIT));
    const navP1 = await page.locator('#unit-nav [data-status-of="P1"]').textContent();
    const navP2 = await page.locator('#unit-nav [data-status-of="P2"]').textContent();
    check(navP1.includes('signed off') && navP2.includes('3/6'), 'the sidebar shows a sign-off and a quiz score', `${navP1} | ${navP2}`);
    const gridP1 = await page.locator('.dashboard [data-status-of="P1"]').textContent();
    const gridP3 = await page.locator('.dashboard [data-status-of="P3"]').textContent();
    check(gridP1 === 'Signed off' && gridP3 === 'Not started', 'the grading grid shows the status of each criterion', `${gridP1} | ${gridP3}`);
    const record = await page.locator('.dashboard [data-progress-summary]').innerText();
    check(/1 of 10 criteria signed off, 1 quiz tried/.test(record) && /For Pass: P2, P3, P4, P5 and P6/.test(record), 'the dashboard sums up the record and what a pass still needs', record);
    await page.goto(fileUrl(siteDir, 'index.html'));
    const card = await page.locator('.unit-progress[data-progress-unit="unit-10"]').innerText();
    check(/1 of 10 criteria signed off · 1 quiz tried · Not yet a pass/.test(card), "the home page shows the unit's progress", card);
    const untouched = await page.locator('.unit-progress[data-progress-unit="b15"]').innerText();
    check(untouched.trim() === 'Not started yet', 'a unit without progress says so', untouched);
    check(errors.length === 0, 'no JavaScript errors at 1280 px', errors.join('\n'));
    await wide.close();

    // Phone: the menu button.
    const phone = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const small = await phone.newPage();
    small.on('pageerror', (e) => errors.push(e.message));
    await small.goto(fileUrl(siteDir, P4));
    const nav = small.locator('#unit-nav');
    const button = small.locator('.menu-button');
    check(!(await nav.isVisible()) && (await button.isVisible()), 'at 390 px the navigation is behind a menu button');
    const toButton = await tabUntil(small, () => document.activeElement.classList.contains('menu-button'));
    check(toButton > 0, `the keyboard reaches the menu button (${toButton} Tabs)`);
    check((await button.getAttribute('aria-expanded')) === 'false', 'the menu starts closed (aria-expanded="false")');
    await small.keyboard.press('Enter');
    check((await nav.isVisible()) && (await button.getAttribute('aria-expanded')) === 'true', 'Enter opens the menu');
    const scroll = await small.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
    check(scroll, 'the open menu does not scroll sideways');
    const v = await runAxe(small);
    check(v.length === 0, 'axe: the open phone menu', formatViolations(v));
    await small.keyboard.press('Tab');
    check(await small.evaluate(() => !!document.activeElement.closest('#unit-nav')), 'Tab moves from the button into the menu');
    await small.keyboard.press('Escape');
    const back = await small.evaluate(() => document.activeElement.classList.contains('menu-button'));
    check(!(await nav.isVisible()) && back, 'Escape closes the menu and returns to the button');
    await small.keyboard.press('Space');
    check(await nav.isVisible(), 'Space opens the menu again');
    await small.keyboard.press('Space');
    check(!(await nav.isVisible()) && (await button.getAttribute('aria-expanded')) === 'false', 'Space closes it');
    check(errors.length === 0, 'no JavaScript errors at 390 px', errors.join('\n'));
    await phone.close();

    // Phone without JavaScript: the navigation is there, with no button that would do nothing.
    const noJs = await browser.newContext({ viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(fileUrl(siteDir, P4));
    check((await plain.locator('#unit-nav').isVisible()) && !(await plain.locator('.menu-button').isVisible()), 'without JavaScript the navigation shows and the menu button does not');
    await noJs.close();
  } finally {
    await browser.close();
  }
});
