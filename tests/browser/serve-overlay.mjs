// `unitpress serve` shows every problem of a broken edit over the open page, with the count
// `check` gives.
//
//   node serve-overlay.mjs UNITPRESS CONTENT_DIR EDITS_JSON EXPECTED
//
// Serves CONTENT_DIR (a course that builds) on a free port, opens its home page in Chromium,
// applies the edits of EDITS_JSON ([[file under CONTENT_DIR, text, replacement], …]) and waits
// for the error overlay to say "EXPECTED problems" and to list that many; then undoes the
// edits and waits for the overlay to go.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { args, check, launchBrowser, run, startServe } from './lib.mjs';

const [bin, content, editsFile, expected] = args('UNITPRESS CONTENT_DIR EDITS_JSON EXPECTED', 4);
const edits = JSON.parse(readFileSync(editsFile, 'utf8'));

const { address, server, log: serveLog } = await startServe(bin, content);

const originals = new Map();
function applyEdits() {
  for (const [rel, from, to] of edits) {
    const file = path.join(content, rel);
    const text = readFileSync(file, 'utf8');
    if (!originals.has(file)) originals.set(file, text);
    if (!text.includes(from)) throw new Error(`${rel} does not hold ${JSON.stringify(from)}`);
    writeFileSync(file, text.replace(from, to));
  }
}
function undoEdits() {
  for (const [file, text] of originals) writeFileSync(file, text);
}

const browser = await launchBrowser();
try {
  await run(async () => {
    const page = await browser.newPage();
    await page.goto(`${address}index.html`);
    applyEdits();
    const heading = page.locator('#unitpress-errors h2');
    const want = `The site could not be rebuilt: ${expected} problems`;
    let shown = '';
    for (let i = 0; i < 100 && shown !== want; i++) {
      shown = (await heading.textContent({ timeout: 20000 }).catch(() => '')) ?? '';
      if (shown !== want) await page.waitForTimeout(200);
    }
    check(shown === want, `the overlay counts every problem (${expected})`, `it says ${JSON.stringify(shown)}\n${serveLog()}`);
    const listed = await page.locator('#unitpress-errors pre').count();
    check(listed === Number(expected), 'the overlay lists each problem', `${listed} listed`);
    undoEdits();
    await page.locator('#unitpress-errors').waitFor({ state: 'detached', timeout: 20000 }).catch(() => {});
    check((await page.locator('#unitpress-errors').count()) === 0, 'fixing the files clears the overlay');
  });
} finally {
  undoEdits();
  await browser.close();
  server.kill('SIGINT');
}
