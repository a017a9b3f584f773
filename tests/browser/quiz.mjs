// Quizzes and progress in a real browser, pages opened from disk: feedback for right and wrong
// answers, a visible prompt when a question is checked unanswered, the score, retrying the wrong
// ones as practice that leaves the best score alone, shuffling, answers in progress kept across
// reloads, progress kept and shown on the progress page, export and import into a fresh
// profile, the predicted grade and what each grade still needs, the no-JavaScript fallback,
// and axe.
// Usage: node quiz.mjs SITE_DIR (a build of the bundled course).

import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { answer, args, axeClean, check, fileUrl, formatViolations, launchBrowser, run, runAxe } from './lib.mjs';

const [siteDir] = args('SITE_DIR', 1);
const CRITERION = 'units/unit-10/criteria/p1/index.html';
const PROGRESS = 'units/unit-10/progress/index.html';

async function optionOrder(page) {
  return page.locator('.question').first().locator('fieldset label').allTextContents();
}

run(async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(fileUrl(siteDir, CRITERION));

    const status = page.locator('.quiz-status[role="status"]');
    check((await status.count()) === 1, 'the quiz has one role="status" region from the start');
    await axeClean(page, 'a criterion page before answering');

    const questions = page.locator('.question');
    const total = await questions.count();
    check(total >= 6, `the P1 quiz has at least 6 questions (${total})`);
    const legends = await page.locator('.question fieldset > legend').count();
    check(legends === total, 'every question is a fieldset with a legend');

    // Checking with nothing chosen says so, beside the question.
    const first = questions.nth(0);
    await first.locator('button.check').click();
    const prompt = first.locator('.q-error');
    check(await prompt.isVisible(), 'checking an unanswered question shows a prompt');
    check((await prompt.textContent()).includes('Choose an answer to question 1 first'), 'the prompt says what to do', await prompt.textContent());
    check(!(await first.locator('.verdict').isVisible()), 'an unanswered question is not marked');
    await page.waitForTimeout(120);
    check((await status.textContent()).includes('Choose an answer'), 'the prompt is announced too', await status.textContent());

    // A wrong answer, then its feedback.
    await answer(first, false);
    check(!(await prompt.isVisible()), 'answering clears the prompt');
    const wrongVerdict = await first.locator('.verdict').textContent();
    check(wrongVerdict.startsWith('✗ Not quite'), 'a wrong answer says so in words', wrongVerdict);
    const rightMark = await first.locator('.option[data-correct="true"] .mark').first().textContent();
    check(rightMark.includes('Right answer'), 'a wrong answer shows the correct option', rightMark);
    check(await first.locator('.answer').isVisible(), 'a wrong answer shows the explanation');
    await page.waitForTimeout(120);
    const said = await status.textContent();
    check(/Question 1: not quite/.test(said), 'the status region announces the wrong answer', said);

    // A right answer.
    const second = questions.nth(1);
    await answer(second, true);
    const rightVerdict = await second.locator('.verdict').textContent();
    check(rightVerdict.startsWith('✓ Correct'), 'a right answer says so in words', rightVerdict);
    await axeClean(page, 'a criterion page after answering');

    // Finish the quiz: the rest right, so the score is total - 1.
    for (let i = 2; i < total; i++) await answer(questions.nth(i), true);
    const score = await page.locator('.quiz-summary .score').textContent();
    check(score === `You scored ${total - 1} out of ${total}. Your best: ${total - 1} out of ${total}.`, 'the score and the best appear at the end', score);
    const rule = await page.locator('.quiz-summary .score-rule').textContent();
    check(/whole attempts/.test(rule) && /practice/.test(rule), 'the summary says what the best score counts', rule);

    // Retry the wrong one only: practice, which leaves the best score as it was.
    await page.locator('.quiz-summary .retry-wrong').click();
    const visible = await page.locator('.question:visible').count();
    check(visible === 1, `retrying shows only the question answered wrongly (${visible} shown)`);
    check(!(await first.locator('.answer').isVisible()), 'the retried question is cleared');
    await answer(first, true);
    const rescore = await page.locator('.quiz-summary .score').textContent();
    check(rescore.startsWith(`You scored ${total} out of ${total}.`), 'after the retry the score counts it', rescore);
    const practice = await page.locator('.quiz-summary .score-rule').textContent();
    check(practice.includes(`practice`) && practice.includes(`stays ${total - 1} out of ${total}`), 'the retry is practice: the best score stays', practice);
    check(!(await page.locator('.quiz-summary .retry-wrong').isVisible()), 'with nothing wrong left there is no retry button');
    await page.goto(fileUrl(siteDir, PROGRESS));
    const afterRetry = await page.locator('[data-criterion="P1"] .quiz-state').textContent();
    check(afterRetry.startsWith(`Quiz best ${total - 1} of ${total} on `), 'the progress page keeps the first attempt\'s score after a retry', afterRetry);

    // Starting again is a whole attempt: all right, and the best becomes full marks.
    await page.goto(fileUrl(siteDir, CRITERION));
    for (let i = 0; i < total; i++) await answer(questions.nth(i), true);
    await page.locator('.quiz-summary .restart').click();
    check((await page.locator('.question:visible').count()) === total, 'Start again shows every question');
    for (let i = 0; i < total; i++) await answer(questions.nth(i), true);
    const full = await page.locator('.quiz-summary .score').textContent();
    check(full === `You scored ${total} out of ${total}. Your best: ${total} out of ${total}.`, 'a whole attempt all right is the new best', full);

    // Options are shuffled on each attempt.
    const orders = new Set();
    for (let i = 0; i < 6; i++) {
      await page.reload();
      orders.add((await optionOrder(page)).join('|'));
    }
    check(orders.size > 1, `options are shuffled on each attempt (${orders.size} orders in 6 loads)`);

    // An attempt in progress survives a reload: checked answers and chosen ones.
    await page.goto(fileUrl(siteDir, CRITERION));
    await answer(questions.nth(0), false);
    await answer(questions.nth(1), true);
    // The first question after those two answered by choosing an option, chosen but not checked.
    const pick = page.locator('.question:nth-child(n+3):is([data-type="single"], [data-type="multiple"], [data-type="truefalse"]) fieldset input').first();
    await pick.check();
    const pickedId = await pick.getAttribute('id');
    await page.reload();
    check((await questions.nth(0).locator('.verdict').textContent()).startsWith('✗ Not quite'), 'after a reload a checked wrong answer is still marked');
    check((await questions.nth(1).locator('.verdict').textContent()).startsWith('✓ Correct'), 'after a reload a checked right answer is still marked');
    check(await page.locator(`#${pickedId}`).isChecked(), 'after a reload an answer chosen but not checked is still chosen');
    check(!(await page.locator('.quiz-summary').isVisible()), 'after a reload the quiz is not scored before it is finished');
    await page.goto(fileUrl(siteDir, 'units/unit-10/criteria/p2/index.html'));
    check((await page.locator('.question .verdict:visible').count()) === 0, "another criterion's quiz does not take P1's answers");
    await page.goto(fileUrl(siteDir, CRITERION));
    for (let i = 2; i < total; i++) await answer(questions.nth(i), true);
    const resumed = await page.locator('.quiz-summary .score').textContent();
    check(resumed.startsWith(`You scored ${total - 1} out of ${total}.`), 'a resumed attempt is scored as one attempt', resumed);
    await page.reload();
    check((await page.locator('.question .verdict:visible').count()) === 0, 'a finished attempt is not brought back');

    // Progress survives a reload and shows on the progress page.
    await page.goto(fileUrl(siteDir, PROGRESS));
    const p1State = page.locator('[data-criterion="P1"] .quiz-state');
    const kept = await p1State.textContent();
    check(kept.startsWith(`Quiz best ${total} of ${total} on `), 'the best score is kept and listed on the progress page', kept);
    await axeClean(page, 'the progress page');

    // Ticking criteria changes the predicted grade.
    const predicted = page.locator('.predicted');
    const needed = () => page.locator('.still-needed li').allTextContents();
    const tick = async (band) => {
      const rows = page.locator(`[data-band="${band}"] input.signed-off`);
      for (let i = 0; i < (await rows.count()); i++) await rows.nth(i).check();
    };
    check((await predicted.textContent()).startsWith('Not yet a pass'), 'nothing signed off: not yet a pass');
    const all = (await needed()).join(' | ');
    check(all === 'For Pass: P1, P2, P3, P4, P5 and P6 | For Merit: also M1 and M2 | For Distinction: also D1 and D2', 'each grade says what it still needs', all);
    await tick('pass');
    check((await predicted.textContent()) === 'Pass', 'all pass criteria signed off: Pass', await predicted.textContent());
    const forMerit = (await needed()).join(' | ');
    check(forMerit === 'For Merit: M1 and M2 | For Distinction: also D1 and D2', 'at a pass, what merit and distinction still need', forMerit);
    await tick('merit');
    check((await predicted.textContent()) === 'Merit', 'pass and merit signed off: Merit', await predicted.textContent());
    await tick('distinction');
    check((await predicted.textContent()) === 'Distinction', 'everything signed off: Distinction', await predicted.textContent());
    check((await needed()).length === 0, 'at a distinction nothing more is needed');
    await page.locator('[data-criterion="P3"] input.signed-off').uncheck();
    check((await predicted.textContent()).startsWith('Not yet a pass'), 'unticking a pass criterion drops below a pass');
    await page.reload();
    check(!(await page.locator('[data-criterion="P3"] input.signed-off').isChecked()), 'sign-offs are kept across a reload');
    check(await page.locator('[data-criterion="M1"] input.signed-off').isChecked(), 'ticked sign-offs stay ticked after a reload');

    // Export, then import into a fresh profile.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button.export').click()]);
    const saved = path.join(await mkdtemp(path.join(os.tmpdir(), 'unitpress-progress-')), 'progress.json');
    await download.saveAs(saved);
    const exported = JSON.parse(await readFile(saved, 'utf8'));
    check(exported.quizzes['unit-10/P1']?.best === total, 'the exported file holds the quiz score');

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(fileUrl(siteDir, PROGRESS));
    check((await other.locator('[data-criterion="P1"] .quiz-state').textContent()) === 'Quiz not tried yet', 'a fresh profile starts with no progress');
    await other.locator('input.import').setInputFiles(saved);
    await other.locator('.transfer-status').filter({ hasText: 'Imported' }).waitFor();
    const imported = await other.locator('.transfer-status').textContent();
    check(imported === 'Imported 1 quiz score and 9 sign-offs.', 'the import says what it brought, in correct plurals', imported);
    const restored = await other.locator('[data-criterion="P1"] .quiz-state').textContent();
    check(restored.startsWith(`Quiz best ${total} of ${total}`), 'importing restores quiz progress', restored);
    check(await other.locator('[data-criterion="M1"] input.signed-off').isChecked(), 'importing restores sign-offs');
    check((await other.locator('.predicted').textContent()).startsWith('Not yet a pass'), 'the imported sign-offs give the same prediction');
    await fresh.close();

    check(errors.length === 0, 'no JavaScript errors', errors.join('\n'));

    // Without JavaScript the questions and their answers are still readable.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(fileUrl(siteDir, CRITERION));
    const disclosures = await plain.locator('.question details.answer > summary').count();
    check(disclosures === total, 'without JavaScript every answer sits in a disclosure');
    await plain.locator('.question').first().locator('summary').click();
    const revealed = await plain.locator('.question').first().locator('.feedback-list').textContent();
    check(revealed.includes('Right answer'), 'without JavaScript opening the disclosure shows the answer', revealed);
    await noJs.close();
  } finally {
    await browser.close();
  }
});
