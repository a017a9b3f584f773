// Printed assignment briefs: headless Chromium prints each brief and the print pack to PDF;
// poppler's pdfinfo and pdftotext read them back. Checks A4 pages, page counts, the exact
// criterion wording, the declaration and the deadline field, tasks not split across pages,
// names and dates from site.toml (or blank lines when unset), and axe on the brief pages.
// Usage: node print.mjs LEARNER_SITE NAMED_SITE
//   LEARNER_SITE: the bundled course built with --edition learner, no names set;
//   NAMED_SITE:   the bundled course (full edition) with [briefs] names and dates in site.toml.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { args, check, fileUrl, formatViolations, launchBrowser, run, runAxe } from './lib.mjs';

const [learnerSite, namedSite] = args('LEARNER_SITE NAMED_SITE', 2);
const BRIEFS = 'units/unit-10/briefs';
// Must match the [briefs] table the test harness writes into NAMED_SITE's site.toml.
const NAMES = { assessor: 'Alex Assessor', internal_verifier: 'Val Verifier', issue_date: '5 January 2027', deadline: '2 February 2027' };
const A4 = { width: 595, height: 842 };

const pdfPages = (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
const pageSizes = (file) => {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])]);
};
const pdfText = (file, page) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' });
const squash = (s) => s.replace(/\s+/g, ' ').trim();

async function printToPdf(page, url, file) {
  await page.goto(url);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
}

// What the page says each brief holds, read from its screen DOM.
async function briefFacts(page) {
  return page.locator('article.brief').evaluateAll((briefs) =>
    briefs.map((b) => ({
      slug: b.id.replace(/^brief-/, ''),
      extraPages: b.querySelectorAll('.extra-page').length,
      criteria: [...b.querySelectorAll('.criterion-wording')].map((td) => td.textContent.trim()),
      tasks: [...b.querySelectorAll('.brief-task')].map((t) => ({
        title: t.querySelector('.brief-task-title').textContent.replace(/\s+/g, ' ').trim(),
        last: t.lastElementChild.textContent.replace(/\s+/g, ' ').trim().slice(-40),
      })),
    })),
  );
}

run(async () => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'unitpress-print-'));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const slugs = (await readdir(path.join(learnerSite, BRIEFS), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    check(slugs.length === 5, `Unit 10 has 5 briefs (${slugs.join(', ')})`);

    let packExpected = 0;
    for (const slug of slugs) {
      const url = fileUrl(learnerSite, `${BRIEFS}/${slug}/index.html`);
      await page.goto(url);
      const [facts] = await briefFacts(page);
      check(await page.locator('button.print-button').isVisible(), `${slug}: a Print button on screen`);
      const file = path.join(out, `${slug}.pdf`);
      await printToPdf(page, url, file);

      const sizes = pageSizes(file);
      check(sizes.every(([w, h]) => Math.abs(w - A4.width) < 2 && Math.abs(h - A4.height) < 2), `${slug}: every page is A4`, JSON.stringify(sizes));
      const pages = pdfPages(file);
      const allowed = 2 + facts.extraPages;
      check(pages <= allowed, `${slug}: prints on ${pages} pages (at most ${allowed})`);
      packExpected += pages;

      const text = squash(pdfText(file));
      for (const wording of facts.criteria) check(text.includes(squash(wording)), `${slug}: the PDF holds the criterion wording "${wording.slice(0, 50)}…"`);
      check(text.includes('I confirm that the work I hand in for this assignment is my own.'), `${slug}: the PDF holds the learner declaration`);
      check(/Hand-in deadline:/.test(text), `${slug}: the PDF holds the deadline field`);
      check(/Page 1 of \d/.test(text), `${slug}: the footer says "Page X of Y"`);
      check(!text.includes('Skip to main content') && !text.includes('Print this brief'), `${slug}: screen-only chrome is not printed`);
      check(!text.includes('For teachers'), `${slug}: the learner edition prints no teacher section`);
      check(!text.includes('What a response looks like'), `${slug}: the learner edition prints no response-level guidance`);
      check(!text.includes('Teacher edition'), `${slug}: the learner edition prints no teacher-edition banner`);
      check(await page.locator('.deadline .write-in').count() === 1, `${slug}: an unset deadline is a blank line to write on`);

      for (const task of facts.tasks) {
        const onOnePage = Array.from({ length: pages }, (_, i) => squash(pdfText(file, i + 1))).some(
          (p) => p.includes(task.title) && p.includes(task.last),
        );
        check(onOnePage, `${slug}: "${task.title}" is not split across pages`);
      }
    }

    const pack = path.join(out, 'pack.pdf');
    await printToPdf(page, fileUrl(learnerSite, `${BRIEFS}/index.html`), pack);
    check(pdfPages(pack) === packExpected, `the print pack starts each brief on a new page (${pdfPages(pack)} pages, ${packExpected} expected)`);
    const packText = squash(pdfText(pack));
    check(slugs.every(() => true) && (packText.match(/Learner declaration/g) || []).length === slugs.length, 'the pack holds every brief');
    check(!packText.includes('For teachers') && !packText.includes('What a response looks like'), 'the learner edition\'s printed pack holds no teacher section and no response-level guidance');

    // Names and dates from site.toml appear in the printed brief.
    const named = path.join(out, 'named.pdf');
    await printToPdf(page, fileUrl(namedSite, `${BRIEFS}/p1/index.html`), named);
    const namedText = squash(pdfText(named));
    for (const [key, value] of Object.entries(NAMES)) check(namedText.includes(value), `site.toml's ${key} is printed on the brief`, namedText.slice(0, 400));
    check(namedText.includes('For teachers'), 'the full edition prints the teacher section');
    check(pdfPages(named) <= 3, `with its teacher section the P1 brief prints on ${pdfPages(named)} pages (at most 3)`);

    for (const rel of [`${BRIEFS}/p1/index.html`, `${BRIEFS}/index.html`]) {
      await page.goto(fileUrl(namedSite, rel));
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        const v = await runAxe(page);
        check(v.length === 0, `axe: no violations on ${rel} (${scheme})`, formatViolations(v));
      }
    }
  } finally {
    await browser.close();
  }
});
