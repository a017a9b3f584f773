// `unitpress serve` brings an open page up to date in place when only its text changed, and
// reloads it when a part that scripts use changed.
//
//   node serve-swap.mjs UNITPRESS CONTENT_DIR
//
// CONTENT_DIR is a copy of the fixture `minimal`. Opens criterion P1's page, answers the first
// quiz question and scrolls down; then edits the text of the scenario shown on the page: the
// new text must show with the answer still chosen, the page not loaded again and the scroll
// position kept. Then edits the quiz's first prompt (inside the quiz's form): the page must load
// again and show the new prompt.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { args, check, launchBrowser, run, startServe } from './lib.mjs';

const [bin, content] = args('UNITPRESS CONTENT_DIR', 2);
const unit = path.join(content, 'units', 'demo-unit');
const scenario = path.join(unit, 'assessment', 'demo-report.md');
const quiz = path.join(unit, 'quizzes', 'p1.toml');
const originals = new Map([scenario, quiz].map((f) => [f, readFileSync(f, 'utf8')]));

function edit(file, from, to) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not hold ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

const { address, server, log } = await startServe(bin, content);
const browser = await launchBrowser();
try {
  await run(async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
    const loads = [];
    page.on('load', () => loads.push(Date.now()));
    await page.goto(`${address}units/demo-unit/criteria/p1/index.html`);
    await page.locator('#q-first-part-1').check();
    await page.evaluate(() => window.scrollTo(0, 400));
    // The script fetches the page as served once it has loaded; an edit before that reloads.
    await page.waitForTimeout(300);
    const loadsBefore = loads.length;

    edit(scenario, 'A local club has asked you to report on a demo.', 'A local club has asked you to report on a demo it held last week.');
    const swapped = await page.waitForFunction(
      () => document.body.textContent.includes('it held last week'),
      null,
      { timeout: 20000 },
    ).then(() => true, () => false);
    check(swapped, 'an edit to the text shows on the open page', log());
    check(loads.length === loadsBefore, 'the page was not loaded again for it', `${loads.length - loadsBefore} loads`);
    check(await page.locator('#q-first-part-1').isChecked(), 'the answer chosen in the quiz is still chosen');
    const scrolled = await page.evaluate(() => window.scrollY);
    check(scrolled === 400, 'the page is still scrolled where it was', `scrollY ${scrolled}`);
    const old = await page.getByText('A local club has asked you to report on a demo.', { exact: true }).count();
    check(old === 0, 'the old text is gone', `${old} left`);

    const reloaded = page.waitForEvent('load', { timeout: 20000 }).then(() => true, () => false);
    edit(quiz, 'Which part of a demo comes first?', 'Which part of a demo do you see first?');
    check(await reloaded, 'an edit inside the quiz loads the page again', log());
    const prompt = await page.locator('#q-first-part .q-prompt').textContent();
    check(prompt === 'Which part of a demo do you see first?', 'and the page shows the new prompt', `it shows ${JSON.stringify(prompt)}`);
  });
} finally {
  for (const [file, text] of originals) writeFileSync(file, text);
  await browser.close();
  server.kill('SIGINT');
}
