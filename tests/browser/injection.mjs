// No text from content runs as script, in a real browser: the build of tests/fixtures/injection
// (every text field holds payloads that call alert() or set window.__pwned) is opened from disk,
// every page of it. Each quiz is answered, rightly and wrongly; search runs from the header box
// and on the search page, for the payloads' own words and for a payload itself; every progress
// page is opened after the quizzes; each brief is printed to PDF and its running header read back.
// On no page may a dialog open, window.__pwned be set, or a script error occur.
// Usage: node injection.mjs SITE_DIR

import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { answer, args, check, fileUrl, launchBrowser, run } from './lib.mjs';

const [siteDir] = args('SITE_DIR', 1);

// Every HTML file below dir, relative to it, with forward slashes.
async function htmlFiles(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await htmlFiles(dir, rel)));
    else if (entry.name.endsWith('.html')) out.push(rel);
  }
  return out.sort();
}

// What ran that should not have, on `page` since `watch` began: dialogs, script errors, and the
// value of window.__pwned.
function watch(page) {
  const seen = { dialogs: [], errors: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (err) => seen.errors.push(err.message));
  return seen;
}

async function assertClean(page, seen, what) {
  const pwned = await page.evaluate(() => window.__pwned);
  const problems = [
    ...seen.dialogs.map((d) => `dialog ${d}`),
    ...seen.errors.map((e) => `script error ${e}`),
    ...(pwned === undefined ? [] : [`window.__pwned = ${JSON.stringify(pwned)}`]),
  ];
  const shown = problems.slice(0, 5).map((p) => (p.length > 200 ? `${p.slice(0, 200)}…` : p));
  if (problems.length > 5) shown.push(`… and ${problems.length - 5} more`);
  check(problems.length === 0, `no payload runs: ${what}`, shown.join('\n'));
  seen.dialogs.length = 0;
  seen.errors.length = 0;
}

run(async () => {
  const pages = await htmlFiles(siteDir);
  check(pages.length >= 20, `the fixture's build has its pages (${pages.length})`);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    // The fixture links and points images at example.org; the machine has no network.
    await context.route(/^https?:/, (route) => route.abort());
    const page = await context.newPage();
    const seen = watch(page);

    // Quizzes first, so that the progress pages opened below show stored results.
    const quizzes = pages.filter((p) => /\/criteria\/[^/]+\/index\.html$/.test(p));
    for (const rel of quizzes) {
      await page.goto(fileUrl(siteDir, rel));
      // Every question wrongly, then the retry of them all rightly: both feedbacks are shown.
      const questions = page.locator('.quiz .question');
      const n = await questions.count();
      for (let i = 0; i < n; i++) await answer(questions.nth(i), false);
      if (n) {
        await page.locator('.quiz-summary .retry-wrong').click();
        for (let i = 0; i < n; i++) await answer(questions.nth(i), true);
        const score = await page.locator('.quiz-summary .score').textContent();
        check(score.startsWith(`You scored ${n} out of ${n}.`), `the quiz on ${rel} is answered`, score);
      }
      const feedback = await page.locator('.quiz').innerText().catch(() => '');
      check(
        n === 0 || feedback.includes("</script><script>"),
        `the quiz on ${rel} shows its feedback with the payloads as text`,
      );
      await assertClean(page, seen, `answering the quiz on ${rel}`);
    }

    for (const rel of pages) {
      await page.goto(fileUrl(siteDir, rel));
      await page.waitForLoadState('load');
      await assertClean(page, seen, rel);
    }

    // Search from the header box: the suggestions list shows titles full of payloads.
    await page.goto(fileUrl(siteDir, 'index.html'));
    const box = page.locator('form.site-search input[role=combobox]');
    await box.fill('alert script');
    await page.locator('form.site-search [role=option]').first().waitFor({ timeout: 10000 });
    const suggested = await page.locator('form.site-search [role=option]').count();
    check(suggested > 1, `the header search suggests results (${suggested})`);
    await box.press('ArrowDown');
    await box.press('Enter');
    await page.waitForLoadState('load');
    await assertClean(page, seen, 'a result chosen from the header search');

    const searches = ['alert script onerror', "</script><script>alert('q')</script>", 'pwned', 'javascript'];
    for (const q of searches) {
      await page.goto(`${fileUrl(siteDir, 'search/index.html')}?q=${encodeURIComponent(q)}`);
      await page.locator('#search-count').filter({ hasNotText: 'Searching' }).waitFor({ timeout: 10000 });
      const count = await page.locator('#search-count').innerText();
      await assertClean(page, seen, `the search page for ${JSON.stringify(q)} (${count})`);
    }
    const results = await page.locator('#search-results li').count();
    check(results > 0, `searching "javascript" finds the payloads' pages (${results})`);

    // The running header of a printed brief holds the titles as text, however they read.
    const out = await mkdtemp(path.join(os.tmpdir(), 'unitpress-injection-'));
    for (const rel of pages.filter((p) => p.includes('/briefs/'))) {
      await page.goto(fileUrl(siteDir, rel));
      const file = path.join(out, `${rel.replace(/\W+/g, '-')}.pdf`);
      await page.pdf({ path: file, preferCSSPageSize: true });
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
      // The header boxes are narrow: their lines wrap and interleave, so only the start of
      // each (the unit's label on the left, the brief's title on the right) is looked for.
      check(
        text.includes("unit-number </style><script>alert('unit-number:style')") &&
          /brief-\w+-title <\/style><script>alert\('brief-/.test(text),
        `the printed header of ${rel} shows the unit label and brief title as text`,
        text.slice(0, 600),
      );
      await assertClean(page, seen, `printing ${rel}`);
    }
  } finally {
    await browser.close();
  }
});
