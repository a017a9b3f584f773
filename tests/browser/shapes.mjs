// The progress pages of the unit shapes fixture in a real browser, opened from disk: the grade a
// BTEC-style unit of learning aims predicts at each boundary (its distinction drawing both aims
// together), a competence unit's status, and a marked unit's marks: each criterion's mark band,
// the total and the grade its boundaries give, marks refused out of range, kept across a reload,
// exported and imported; a quiz on a marking criterion listed there; and axe on those pages.
// Usage: node shapes.mjs SITE_DIR (a build of tests/fixtures/shapes).

import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { answer, args, axeClean, check, fileUrl, formatViolations, launchBrowser, run, runAxe } from './lib.mjs';

const [siteDir] = args('SITE_DIR', 1);

run(async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Learning aims: pass, merit and distinction at their boundaries.
    await page.goto(fileUrl(siteDir, 'units/unit-3/progress/index.html'));
    const predicted = page.locator('.predicted');
    const tick = async (id, on = true) => {
      const box = page.locator(`[data-criterion="${id}"] input.signed-off`);
      if (on) await box.check();
      else await box.uncheck();
    };
    const says = async () => (await predicted.textContent()).trim();
    check((await says()) === 'Not yet a pass: 2 pass criteria still to be signed off', 'nothing signed off: not yet a pass, 2 to go', await says());
    await tick('A.P1');
    check((await says()) === 'Not yet a pass: 1 pass criteria still to be signed off', 'one of two pass criteria: still not a pass', await says());
    await tick('A.M1');
    check((await says()).startsWith('Not yet a pass'), 'a merit criterion without every pass is not a pass', await says());
    await tick('B.P2');
    check((await says()) === 'Merit', 'every pass and merit criterion: Merit', await says());
    await tick('A.M1', false);
    check((await says()) === 'Pass', 'every pass criterion: Pass', await says());
    await tick('AB.D1');
    check((await says()) === 'Pass', 'a distinction without the merit stays a pass', await says());
    await tick('A.M1');
    check((await says()) === 'Distinction', 'every criterion, AB.D1 of both aims among them: Distinction', await says());
    await page.reload();
    check((await says()) === 'Distinction', 'the prediction is the same after a reload', await says());
    await axeClean(page, 'a progress page of learning aims');

    // A competence unit of elements.
    await page.goto(fileUrl(siteDir, 'units/b2/progress/index.html'));
    check((await says()) === 'Not yet met: 0 of 2 criteria met', 'competence: nothing met', await says());
    await tick('1.1');
    check((await says()) === 'Not yet met: 1 of 2 criteria met', 'competence: one of two met', await says());
    await tick('2.1');
    check((await says()) === 'All 2 criteria met', 'competence: all met', await says());

    // A marked unit: enter marks, see each band, the total and the grade.
    const quizPage = await context.newPage();
    await quizPage.goto(fileUrl(siteDir, 'units/r200/criteria/1a/index.html'));
    const questions = quizPage.locator('.question');
    const total = await questions.count();
    for (let i = 0; i < total; i++) await answer(questions.nth(i), true);
    await quizPage.close();

    const PROGRESS = 'units/r200/progress/index.html';
    await page.goto(fileUrl(siteDir, PROGRESS));
    const quizState = (await page.locator('[data-criterion="1a"] .quiz-state').textContent()).trim();
    check(quizState.startsWith(`Quiz best ${total} of ${total} on `), 'the quiz on marking criterion 1a is listed with its best score', quizState);
    const marks = (id) => page.locator(`[data-criterion="${id}"] input.marks`);
    const band = async (id) => (await page.locator(`[data-criterion="${id}"] .mark-band`).textContent()).trim();
    check((await says()) === '0 of 15 marks: below Level 1 Pass', 'no marks yet: 0 of 15, below the lowest grade', await says());
    check((await band('1a')) === 'Not marked yet', 'an unmarked criterion says so', await band('1a'));
    await marks('1a').fill('3');
    check((await band('1a')) === 'Mark band 2', '3 of 6 is in mark band 2 (3–4)', await band('1a'));
    check((await says()) === '3 of 15 marks: below Level 1 Pass', 'a total below the first boundary', await says());
    await marks('1a').fill('4');
    check((await says()) === '4 of 15 marks: Level 1 Pass', 'the first boundary itself: Level 1 Pass', await says());
    await marks('2a').fill('4');
    check((await band('2a')) === 'Mark band 2', '4 of 9 is in mark band 2 (4–6)', await band('2a'));
    check((await says()) === '8 of 15 marks: Level 2 Pass', '8 marks: Level 2 Pass', await says());
    await marks('2a').fill('8');
    check((await says()) === '12 of 15 marks: Level 2 Pass', 'one below the top boundary: still Level 2 Pass', await says());
    await marks('2a').fill('9');
    check((await band('2a')) === 'Mark band 3', '9 of 9 is in mark band 3', await band('2a'));
    check((await says()) === '13 of 15 marks: Level 2 Distinction', '13 marks: Level 2 Distinction', await says());
    await marks('2a').fill('10');
    check((await band('2a')).startsWith('Enter a whole number from 0 to 9'), 'a mark above the maximum is refused, saying what is allowed', await band('2a'));
    check((await says()) === '13 of 15 marks: Level 2 Distinction', 'a refused mark does not change the total', await says());
    await marks('2a').fill('0');
    check((await band('2a')) === 'Below mark band 1', 'no creditworthy response: below mark band 1', await band('2a'));
    check((await says()) === '4 of 15 marks: Level 1 Pass', 'the total follows the new mark', await says());
    await marks('2a').fill('9');
    await page.reload();
    check((await marks('1a').inputValue()) === '4' && (await marks('2a').inputValue()) === '9', 'marks are kept across a reload');
    check((await says()) === '13 of 15 marks: Level 2 Distinction', 'the total is the same after a reload', await says());
    await axeClean(page, 'a marked unit\'s progress page');

    // Export, then import into a fresh profile.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.export').click()]);
    const saved = path.join(await mkdtemp(path.join(os.tmpdir(), 'unitpress-marks-')), 'progress.json');
    await download.saveAs(saved);
    const exported = JSON.parse(await readFile(saved, 'utf8'));
    check(exported.marks?.['r200/1a'] === 4 && exported.marks?.['r200/2a'] === 9, 'the exported file holds the marks', JSON.stringify(exported.marks));
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(fileUrl(siteDir, PROGRESS));
    check((await other.locator('.predicted').textContent()).trim() === '0 of 15 marks: below Level 1 Pass', 'a fresh profile has no marks');
    await other.locator('input.import').setInputFiles(saved);
    await other.locator('.transfer-status').filter({ hasText: 'Imported' }).waitFor();
    const status = (await other.locator('.transfer-status').textContent()).trim();
    check(status.includes('and 2 marks'), 'the import says how many marks it brought', status);
    check((await other.locator('.predicted').textContent()).trim() === '13 of 15 marks: Level 2 Distinction', 'importing restores the marks and the grade');
    await fresh.close();

    check(errors.length === 0, 'no JavaScript errors', errors.join('\n'));
  } finally {
    await browser.close();
  }
});
