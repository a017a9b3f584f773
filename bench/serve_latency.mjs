// Edit-to-screen time of `unitpress serve`: how long after a teacher saves a file the open page
// shows the change.
//
//   node bench/serve_latency.mjs UNITPRESS CONTENT_DIR [EDITS]
//
// Serves CONTENT_DIR on a free port, opens the first unit's first criterion page in headless
// Chromium, then EDITS times (15 by default) appends a new line to that criterion's notes file
// and waits for the page to reload with it. Each edit's time runs from just before the file is
// written to the reloaded page's first contentful paint (Chromium's own clock, the same system
// clock as this script's). Prints each time, then the median, and restores the file at the end.
// With TIMINGS=1 in the environment, serve runs with --timings and what it printed (each
// rebuild's stages) follows the times.
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
try {
  const page = await browser.newPage();
  const url = `${address}units/${unit}/criteria/${criterion}/index.html`;
  const response = await page.goto(url);
  if (!response.ok()) throw new Error(`${url}: HTTP ${response.status()}`);
  for (let i = 1; i <= edits; i++) {
    const marker = `latency check ${i} ${Date.now()}`;
    const reloaded = page.waitForEvent('load', { timeout: 30000 });
    const start = Date.now();
    writeFileSync(notePath, `${original}\n\n${marker}\n`);
    await reloaded;
    if (!(await page.content()).includes(marker)) throw new Error(`edit ${i}: the page reloaded without the change`);
    const painted = await page.waitForFunction(() => {
      const p = performance.getEntriesByName('first-contentful-paint')[0];
      return p && performance.timeOrigin + p.startTime;
    });
    const ms = (await painted.jsonValue()) - start;
    times.push(ms);
    console.log(`edit ${i}: ${ms.toFixed(0)} ms`);
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
console.log(`serve: ${edits} edits of ${path.relative(content, notePath)} (${units} units): median ${median.toFixed(0)} ms, fastest ${times[0].toFixed(0)} ms, slowest ${times[times.length - 1].toFixed(0)} ms`);
