// Shared helpers for the browser checks. Every check script imports from here, runs at once
// (it exports nothing) and reports through check()/run(): one `ok - …` or `not ok - …` line per
// check, then `N passed, M failed` alone on the last line, and exit code 1 if anything failed.

import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const AXE_PATH = fileURLToPath(new URL('./node_modules/axe-core/axe.min.js', import.meta.url));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// This machine's network is closed: without the background-networking flags Chromium keeps
// trying to reach Google's services. Playwright's launch() already gives every launch a new,
// empty user data dir, and every browser.newContext() a fresh profile on top of it.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export function fileUrl(siteDir, relPath) {
  return pathToFileURL(path.resolve(siteDir, relPath)).href;
}

// Whether a path made by path.relative(root, …) leads out of root.
export function outside(relative) {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.vtt': 'text/vtt; charset=utf-8',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

// Serves siteDir as a plain static host would: a folder answers with its index.html.
// Resolves to {url, close}; url ends in "/", so `new URL(relPath, url)` names a file.
export async function startStaticServer(siteDir) {
  const root = path.resolve(siteDir);
  const server = http.createServer(async (req, res) => {
    const reply = (status, text) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'method not allowed');
    const { pathname } = new URL(req.url, 'http://x');
    let file;
    try {
      file = path.join(root, decodeURIComponent(pathname));
    } catch {
      return reply(400, 'bad request');
    }
    if (outside(path.relative(root, file))) return reply(403, 'forbidden');
    let info = await stat(file).catch(() => null);
    if (info?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: `${pathname}/` });
        return res.end();
      }
      file = path.join(file, 'index.html');
      info = await stat(file).catch(() => null);
    }
    if (!info?.isFile()) return reply(404, 'not found');
    res.writeHead(200, {
      'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

// Runs axe-core's WCAG 2.2 A/AA rules on the page as it is now; returns axe's violations.
export async function runAxe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  return result.violations;
}

// One readable block per violated rule: id, impact, help, then each failing element's
// selector with axe's reason (of the `any` checks, of which none passed, only the first).
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((node) => {
        const failing = [node.any[0], ...node.all, ...node.none].filter(Boolean);
        const why = failing.map((c) => c.message).join('; ');
        return `  at ${node.target.join(' ')}${why ? `: ${why}` : ''}`;
      });
      return [`${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]`, ...nodes].join('\n');
    })
    .join('\n');
}

// Answers one question through the page's own controls, rightly or wrongly.
export async function answer(question, right) {
  const type = await question.getAttribute('data-type');
  if (type === 'single' || type === 'truefalse' || type === 'multiple') {
    const wanted = String(right);
    const options = question.locator('fieldset .option');
    const n = await options.count();
    let clicked = false;
    for (let i = 0; i < n; i++) {
      const o = options.nth(i);
      const correct = (await o.getAttribute('data-correct')) === 'true';
      if (type === 'multiple' ? correct === right || (!right && !clicked) : correct === right && !clicked) {
        await o.locator('input').check();
        clicked = true;
      }
    }
    await question.locator('button.check').click();
  } else if (type === 'match' || type === 'order') {
    const rows = question.locator('fieldset .option');
    const n = await rows.count();
    for (let i = 0; i < n; i++) {
      const row = rows.nth(i);
      const target = await row.getAttribute('data-answer');
      const select = row.locator('select');
      if (type === 'match') {
        const labels = await select.locator('option').allTextContents();
        const pick = right ? target : labels.find((l) => l !== target && l !== 'Choose…');
        await select.selectOption({ label: pick });
      } else {
        await select.selectOption(right ? target : String((Number(target) % n) + 1));
      }
    }
    await question.locator('button.check').click();
  } else if (type === 'written') {
    await question.locator('textarea').fill('My answer to the question.');
    await question.locator('button.check').click();
    const boxes = question.locator('.checklist input');
    const n = await boxes.count();
    for (let i = 0; i < (right ? n : n - 1); i++) await boxes.nth(i).check();
    await question.locator('button.rate').click();
  }
}

let passed = 0;
let failed = 0;

// Records one check. details (any text) is printed indented under a failing check.
export function check(ok, name, details = '') {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}`);
    if (details) console.log(details.replace(/^/gm, '    '));
  }
  return ok;
}

// Runs a check script's body; a thrown error counts as one failed check. Always ends with the
// summary line and sets the exit code.
export async function run(body) {
  try {
    await body();
  } catch (err) {
    check(false, 'the check script ran to its end', err?.stack ?? String(err));
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

// The script's arguments, or a usage message and exit code 2 when fewer than `min` are given.
export function args(usage, min) {
  const given = process.argv.slice(2);
  if (given.length < min) {
    console.error(`usage: node ${path.basename(process.argv[1])} ${usage}`);
    process.exit(2);
  }
  return given;
}

// Checks that axe finds nothing on the page as it is now, in the light and the dark scheme.
export async function axeClean(page, name) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const v = await runAxe(page);
    check(v.length === 0, `axe: no violations on ${name} (${scheme})`, formatViolations(v));
  }
}

// Starts `BIN serve --content CONTENT --port 0` (then EXTRA arguments); resolves to { address, server, log } once it
// prints the address it serves at (log() is what it has printed on stderr so far).
export async function startServe(bin, content, extra = []) {
  const server = spawn(bin, ['serve', '--content', content, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (chunk) => { stderr += chunk; });
  const address = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/at (http:\/\/\S+\/) /);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`unitpress serve stopped (exit ${code}):\n${stderr}`)));
  });
  return { address, server, log: () => stderr };
}
