// node zip-site.mjs SITE_DIR QUERY EXPECTED_PATH QUIZ_PAGE
// A site unzipped from `unitpress build --zip`, opened from disk as a teacher's learners would
// open it from a USB stick: index.html loads over file:// with no script error, the header
// search box suggests EXPECTED_PATH for QUERY and the search page lists it, and the quiz on
// QUIZ_PAGE marks every answer and gives the full score.

import { answer, args, check, fileUrl, launchBrowser, run } from './lib.mjs';

const [siteDir, query, expected, quizPage] = args('SITE_DIR QUERY EXPECTED_PATH QUIZ_PAGE', 4);

await run(async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(fileUrl(siteDir, 'index.html'));
    check((await page.locator('h1').count()) > 0, 'index.html opens from disk and shows a heading');
    const units = await page.locator('a[href*="units/"]').count();
    check(units > 0, `the home page links to the units (${units} links)`);

    // The header box: suggestions as you type, loaded from disk.
    await page.locator('#site-search-input').focus();
    await page.locator('#site-search-input').pressSequentially(query);
    const option = page.locator('#site-search-list [role="option"]').first();
    await option.waitFor({ timeout: 10000 }).catch(() => {});
    const suggested = await page.locator('#site-search-list [role="option"]').evaluateAll((os) => os.map((o) => o.getAttribute('data-href') ?? ''));
    check(suggested.some((h) => h.includes(expected)), `the header box suggests ${expected} for "${query}"`, JSON.stringify(suggested));

    // The search page, as Enter in the header box opens it.
    await page.goto(`${fileUrl(siteDir, 'search/index.html')}?q=${encodeURIComponent(query)}`);
    await page.locator('#search-count').filter({ hasNotText: /^Searching/ }).filter({ hasText: /./ }).waitFor();
    const hrefs = await page.locator('#search-results > li:not(.suggestion) a').evaluateAll((as) => as.map((a) => a.href));
    check(hrefs.some((h) => h.includes(expected)), `the search page lists ${expected} for "${query}"`, JSON.stringify(hrefs));
    if (hrefs[0]) {
      await page.goto(hrefs[0]);
      check((await page.locator('h1').count()) > 0, 'the first result opens from disk', hrefs[0]);
    }

    // The quiz: one answer wrong, then the rest right, then the wrong one retried.
    await page.goto(fileUrl(siteDir, quizPage));
    const questions = page.locator('.question');
    const total = await questions.count();
    check(total > 0, `${quizPage} has a quiz (${total} questions)`);
    if (total > 0) {
      await answer(questions.nth(0), false);
      const verdict = await questions.nth(0).locator('.verdict').textContent();
      check(verdict.startsWith('✗'), 'a wrong answer is marked wrong', verdict);
      for (let i = 1; i < total; i++) await answer(questions.nth(i), true);
      await page.locator('.quiz-summary .retry-wrong').click();
      await answer(questions.nth(0), true);
      const score = await page.locator('.quiz-summary .score').textContent();
      check(score.startsWith(`You scored ${total} out of ${total}.`), 'the quiz gives the full score after the retry', score);
    }
    check(errors.length === 0, 'no script error on any page', errors.join('\n'));
  } finally {
    await browser.close();
  }
});
