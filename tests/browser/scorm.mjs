// The SCORM 1.2 package in Chromium with a mock LMS: a page that provides window.API (npm
// scorm-again, an LMS-side SCORM runtime) loads a unit's SCO in a frame, as Moodle's player
// does. Answering a quiz reports each answer as an interaction, commits once when the quiz is
// scored (not on every answer), and reports score and status; the fullest progress of the
// unit (every quiz at full marks, every criterion signed off) fits cmi.suspend_data's 4,096
// characters; leaving the SCO finishes the session, and a relaunch with what the LMS kept
// restores the progress. Outside an LMS the launch page and the quiz work as a plain site.
// Usage: node scorm.mjs PACKAGE_DIR UNIT_SLUG SUSPEND_DATA_BOUND (an unzipped export).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answer, args, check, fileUrl, launchBrowser, run, startStaticServer } from './lib.mjs';

const [pkg, unit, boundText] = args('PACKAGE_DIR UNIT_SLUG SUSPEND_DATA_BOUND', 3);
const bound = Number(boundText);
const SCORM_AGAIN = fileURLToPath(new URL('./node_modules/scorm-again/dist/scorm12.js', import.meta.url));

const manifest = readFileSync(path.join(pkg, 'imsmanifest.xml'), 'utf8');
const launch = (manifest.match(new RegExp(`<resource identifier="sco-${unit}"[^>]*href="([^"]+)"`)) || [])[1];
const launchPage = launch ? readFileSync(path.join(pkg, launch), 'utf8') : '';
// Criterion id → its quiz's number of questions, as the launch page tells scorm.js.
const criteria = ((launchPage.match(/data-criteria="([^"]*)"/) || [])[1] || '')
  .split(' ')
  .filter(Boolean)
  .map((pair) => ({ id: pair.slice(0, pair.lastIndexOf(':')), questions: Number(pair.slice(pair.lastIndexOf(':') + 1)) }));
const quizzed = criteria.filter((c) => c.questions > 0);
const totalQuestions = quizzed.reduce((n, c) => n + c.questions, 0);
const slug = (id) => id.toLowerCase().replace(/\./g, '-');

// The mock LMS: scorm-again's SCORM 1.2 API on window.API, the SCO in a frame, and a count of
// the calls that reach the LMS.
const LMS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mock LMS</title>
<script src="scorm12.js"></script>
<script>
  window.lms = { initialized: 0, commits: 0, finished: 0 };
  var api = new Scorm12API({ logLevel: 5 });
  if (window.__lmsKept) api.loadFromJSON(window.__lmsKept);
  api.on('LMSInitialize', function () { lms.initialized++; });
  api.on('LMSCommit', function () { lms.commits++; });
  api.on('LMSFinish', function () { lms.finished++; });
  window.API = api;
  window.cmi = function () { return api.renderCMIToJSONObject().cmi; };
</script></head>
<body><iframe id="sco" title="SCO" src="../${launch}" style="width: 1000px; height: 700px"></iframe></body></html>`;

async function openLms(context, base, kept) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (kept) await page.addInitScript((k) => { if (window === window.top) window.__lmsKept = k; }, kept);
  await page.goto(`${base}__lms__/index.html`);
  // The launch page in the LMS's frame, and the unit's page in the launch page's frame.
  await page.waitForFunction(() => {
    const launcher = document.getElementById('sco').contentDocument;
    const inner = launcher && launcher.querySelector('iframe');
    const doc = inner && inner.contentDocument;
    return doc && doc.readyState === 'complete' && doc.location.href.includes('/units/');
  }, null, { timeout: 10000 });
  const unitFrame = () => page.frames().find((f) => f.parentFrame() && f.parentFrame().url().includes('/scorm/'));
  return { page, errors, unitFrame, cmi: () => page.evaluate(() => window.cmi()), lms: () => page.evaluate(() => window.lms) };
}

run(async () => {
  check(Boolean(launch), `the manifest names the SCO of ${unit} (${launch})`);
  check(quizzed.length > 0, `the launch page lists the unit's quizzes (${quizzed.length}, ${totalQuestions} questions)`);
  const server = await startStaticServer(pkg);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const scormAgain = readFileSync(SCORM_AGAIN, 'utf8');
    await context.route((url) => url.pathname.startsWith('/__lms__/'), (route) => {
      const file = new URL(route.request().url()).pathname;
      if (file.endsWith('/scorm12.js')) return route.fulfill({ contentType: 'text/javascript', body: scormAgain });
      return route.fulfill({ contentType: 'text/html; charset=utf-8', body: LMS_PAGE });
    });

    // First session: one quiz, answered through the page.
    const first = await openLms(context, server.url);
    let cmi = await first.cmi();
    check(cmi.core.lesson_status === 'incomplete', 'launching the SCO marks it incomplete', cmi.core.lesson_status);
    check(first.unitFrame().url().endsWith(`/units/${unit}/index.html`), 'the SCO shows the unit home page', first.unitFrame().url());
    const target = quizzed[0];
    const frame = first.unitFrame();
    await frame.goto(`${server.url}units/${unit}/criteria/${slug(target.id)}/index.html`);
    const questions = frame.locator('.question');
    const n = await questions.count();
    check(n === target.questions, `the ${target.id} quiz has the ${target.questions} questions the launch page says (${n})`);
    await answer(questions.nth(0), false);
    for (let i = 1; i < n - 1; i++) await answer(questions.nth(i), true);
    await frame.waitForTimeout(1500);
    check((await first.lms()).commits === 0, 'answering questions commits nothing until the quiz is scored');
    await answer(questions.nth(n - 1), true);
    await first.page.waitForFunction(() => window.lms.commits > 0, null, { timeout: 5000 }).catch(() => {});
    await frame.waitForTimeout(1500);
    check((await first.lms()).commits === 1, 'scoring the quiz commits once', JSON.stringify(await first.lms()));
    cmi = await first.cmi();
    const expected = Math.round((100 * (n - 1)) / totalQuestions);
    check(Number(cmi.core.score.raw) === expected, `the score is the unit's share of right answers (${cmi.core.score.raw}, expected ${expected})`);
    check(cmi.core.score.min === '0' && cmi.core.score.max === '100', 'the score is out of 100', JSON.stringify(cmi.core.score));
    check(cmi.core.lesson_status === 'incomplete', 'with quizzes left the status stays incomplete', cmi.core.lesson_status);
    const interactions = Object.values(cmi.interactions);
    check(interactions.length === n, `each answer is an interaction (${interactions.length} of ${n})`);
    check(interactions[0].result === 'wrong' && interactions.slice(1).every((i) => i.result === 'correct'),
      'interactions say which answers were right', JSON.stringify(interactions.map((i) => i.result)));
    check(interactions.every((i) => i.id.startsWith(`${slug(target.id)}-`) && /^[a-z0-9-]+$/.test(i.id)),
      'interaction ids name the criterion and question', JSON.stringify(interactions.map((i) => i.id)));
    const types = new Set(['choice', 'true-false', 'matching', 'sequencing', 'performance']);
    check(interactions.every((i) => types.has(i.type) && i.student_response !== ''),
      'each interaction has a SCORM type and the response given', JSON.stringify(interactions.map((i) => [i.type, i.student_response])));
    check(/^1\|/.test(cmi.suspend_data) && cmi.suspend_data.includes(`${target.id}:`), 'the result is kept in cmi.suspend_data', cmi.suspend_data);

    // The fullest progress the unit can have: every criterion signed off on the progress page,
    // and a progress file with every quiz at full marks, dated as late as the encoding allows.
    await frame.goto(`${server.url}units/${unit}/progress/index.html`);
    const boxes = frame.locator('.signed-off');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
    const full = { version: 1, quizzes: {}, signedOff: {} };
    for (const c of quizzed) full.quizzes[`${unit}/${c.id}`] = { best: c.questions, total: c.questions, date: '2999-12-31' };
    await frame.locator('.import').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(full)) });
    await frame.waitForTimeout(1500);
    cmi = await first.cmi();
    const size = cmi.suspend_data.length;
    console.log(`# ${unit}: fullest suspend_data ${size} characters (bound ${bound}, limit 4096)`);
    check(size <= 4096, `the fullest progress of ${unit} fits SCORM 1.2's 4,096 characters (${size})`);
    check(size === bound, `and is exactly as long as the exporter's bound (${size} of ${bound})`, cmi.suspend_data);
    check(cmi.core.lesson_status === 'completed' && cmi.core.score.raw === '100', 'every quiz at full marks: completed, 100',
      `${cmi.core.lesson_status} ${cmi.core.score.raw}`);

    // Leaving the SCO (the LMS removes its frame) finishes the session.
    await first.page.evaluate(() => document.getElementById('sco').remove());
    await first.page.waitForFunction(() => window.lms.finished === 1, null, { timeout: 5000 }).catch(() => {});
    const end = await first.lms();
    check(end.finished === 1, 'leaving the SCO calls LMSFinish once', JSON.stringify(end));
    cmi = await first.cmi();
    check(cmi.core.exit === 'suspend' && /^\d{2,4}:\d\d:\d\d$/.test(cmi.core.session_time),
      'it says the learner may come back, and how long they stayed', `${cmi.core.exit} ${cmi.core.session_time}`);
    check(first.errors.length === 0, 'no script errors in the first session', first.errors.join('\n'));

    // Relaunch with what the LMS kept: the progress comes back.
    const kept = { suspend_data: cmi.suspend_data, core: { entry: 'resume', lesson_status: cmi.core.lesson_status, score: cmi.core.score } };
    await first.page.close();
    const second = await openLms(context, server.url, kept);
    await second.unitFrame().goto(`${server.url}units/${unit}/progress/index.html`);
    const states = await second.unitFrame().locator('[data-criterion] .quiz-state').allTextContents();
    const best = quizzed.map((c) => `Quiz best ${c.questions} of ${c.questions}`);
    const shown = states.filter((s) => s.startsWith('Quiz best'));
    check(shown.length === quizzed.length && best.every((b) => shown.some((s) => s.startsWith(b))),
      'the relaunched SCO shows every best score from the LMS', shown.join('\n'));
    const ticked = await second.unitFrame().locator('.signed-off:checked').count();
    check(ticked === criteria.length, `and every sign-off (${ticked} of ${criteria.length})`);
    cmi = await second.cmi();
    check(cmi.core.lesson_status === 'completed' && (await second.lms()).commits === 0,
      'relaunching keeps the status and commits nothing by itself', `${cmi.core.lesson_status} ${(await second.lms()).commits}`);
    check(second.errors.length === 0, 'no script errors in the second session', second.errors.join('\n'));

    // No LMS: the launch page opened from disk shows the unit, and quizzes keep progress in
    // the browser as on the plain site.
    const plain = await context.newPage();
    const plainErrors = [];
    plain.on('pageerror', (e) => plainErrors.push(e.message));
    await plain.goto(fileUrl(pkg, launch));
    check((await plain.evaluate(() => window.UnitpressScorm)) === null, 'without an LMS the adapter stays out of the way');
    await plain.goto(fileUrl(pkg, `units/${unit}/criteria/${slug(target.id)}/index.html`));
    const plainQuestions = plain.locator('.question');
    for (let i = 0; i < (await plainQuestions.count()); i++) await answer(plainQuestions.nth(i), true);
    const saved = await plain.evaluate(() => window.localStorage.getItem('unitpress-progress-v1'));
    check(Boolean(saved) && saved.includes(`${unit}/${target.id}`), 'outside an LMS the score is saved in the browser', String(saved));
    check(plainErrors.length === 0, 'no script errors outside an LMS', plainErrors.join('\n'));
  } finally {
    await browser.close();
    await server.close();
  }
});
