// Edit-to-screen time of `unitpress serve`: how long after a teacher saves a file the open page
// shows the change.
//
//   node bench/serve_latency.mjs UNITPRESS CONTENT_DIR [EDITS]
//
// Serves CONTENT_DIR on a free port, opens the first unit's first criterion page in headless
// Chromium, then EDITS times (15 by default) appends a new line to that criterion's notes file
// and waits for the page to show it. serve swaps such an edit into the open page in place; each
// edit's time runs from just before the file is written to the first animation frame that has
// the new line (the frame about to be painted; Chromium's clock is the same system clock as this
// script's), also when the page loads again instead (counted as reloaded). Prints each time,
// then the median, and restores the file at the end. With TIMINGS=1 in the environment, serve
// runs with --timings and what it printed (each rebuild's stages) follows the times.
// Needs the npm packages of tests/browser (`npm ci --prefix tests/browser`).

import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, startServe } from '../tests/browser/lib.mjs';

const [bin, content, editsArg] = process.argv.slice(2);
if (!bin || !content) {
  console.error('usage: node bench/serve_latency.mjs UNITPRESS CONTENT_DIR [EDITS]');
  process.exit(2);
}
const edits = Number(editsArg || 15);

// The first unit (in name order) with notes on a criterion, and that criterion's page.
const unitsDir = path.join(content, 'units');
const unit = readdirSync(unitsDir).sort().find((u) => existsSync(path.join(unitsDir, u, 'notes')));
if (!unit) throw new Error(`no unit under ${unitsDir} has a notes/ folder`);
const note = readdirSync(path.join(unitsDir, unit, 'notes')).sort().find((f) => f.endsWith('.md'));
const notePath = path.join(unitsDir, unit, 'notes', note);
const criterion = note.replace(/\.md$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');
const original = readFileSync(notePath, 'utf8');

const timings = process.env.TIMINGS === '1';
const { address, server, log } = await startServe(bin, content, timings ? ['--timings'] : []);

const browser = await launchBrowser();
const times = [];
let reloads = 0;
try {
  const page = await browser.newPage();
  const url = `${address}units/${unit}/criteria/${criterion}/index.html`;
  const response = await page.goto(url);
  if (!response.ok()) throw new Error(`${url}: HTTP ${response.status()}`);
  // The script fetches the page as served once it has loaded; an edit before that reloads.
  await page.waitForTimeout(500);
  for (let i = 1; i <= edits; i++) {
    const marker = `latency check ${i} ${Date.now()}`;
    // Gone if the page loads again.
    await page.evaluate((n) => { window.benchEdit = n; }, i);
    const start = Date.now();
    writeFileSync(notePath, `${original}\n\n${marker}\n`);
    // Survives the page loading again: then it runs in the new page.
    const shown = await page.waitForFunction(
      ([m, n]) => document.body.textContent.includes(m) &&
        { at: performance.timeOrigin + performance.now(), swapped: window.benchEdit === n },
      [marker, i],
      { polling: 'raf', timeout: 30000 },
    );
    const { at, swapped } = await shown.jsonValue();
    const ms = at - start;
    if (!swapped) {
      reloads++;
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
    }
    times.push(ms);
    console.log(`edit ${i}: ${ms.toFixed(0)} ms${swapped ? '' : ' (reloaded)'}`);
  }
} finally {
  writeFileSync(notePath, original);
  await browser.close();
  server.kill('SIGINT');
}
if (timings) console.log(log());
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const units = readdirSync(unitsDir).length;
console.log(`serve: ${edits} edits of ${path.relative(content, notePath)} (${units} units): median ${median.toFixed(0)} ms, fastest ${times[0].toFixed(0)} ms, slowest ${times[times.length - 1].toFixed(0)} ms; ${edits - reloads} swapped in place, ${reloads} reloaded`);
