// node links.mjs SITE_DIR
// 1. Opens SITE_DIR/index.html over file:// and crawls every page reachable through internal
//    links. Each internal link must be relative, name an existing file (a link ending in "/"
//    would show a folder listing from disk) and, with a #fragment, an element id on the target.
// 2. Serves SITE_DIR's parent over HTTP and loads every crawled page from the /<site folder>/
//    sub-folder: no request may fail and no page may log a script error.

import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { args, check, fileUrl, launchBrowser, outside, run, startStaticServer } from './lib.mjs';

const siteDir = path.resolve(args('SITE_DIR', 1)[0]);
const EXTERNAL = /^(https?|mailto|tel|data|javascript):/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

// Runs in the page: its links as written in the HTML, and the names a #fragment may target.
function readPage() {
  const elements = document.querySelectorAll('a[href], link[href], script[src], img[src]');
  const links = [...elements].map((el) => {
    const attr = el.matches('a, link') ? 'href' : 'src';
    return { tag: el.localName, attr, value: el.getAttribute(attr) };
  });
  const anchors = [...document.querySelectorAll('[id], a[name]')].map((el) => el.id || el.name);
  return { links, anchors };
}

const isFile = (file) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;

// Resolves one link written on page `from`: null for an external link, {problem} for a broken
// one, else {target, fragment} with target relative to the site root.
function resolveLink(from, value) {
  const raw = value.trim();
  if (EXTERNAL.test(raw)) return null;
  if (ANY_SCHEME.test(raw)) return { problem: 'not a relative link' };
  if (raw.startsWith('/')) {
    return { problem: 'starts with "/": links must be relative so the site works from any folder' };
  }
  const url = new URL(raw, fileUrl(siteDir, from));
  let fragment;
  try {
    fragment = decodeURIComponent(url.hash.slice(1));
  } catch {
    return { problem: 'the #fragment is not valid percent-encoding' };
  }
  url.search = '';
  url.hash = '';
  const file = fileURLToPath(url);
  const target = path.relative(siteDir, file);
  if (outside(target)) return { problem: 'points outside the site' };
  if (url.pathname.endsWith('/')) {
    return { problem: 'ends in "/": from disk that shows a folder listing; name index.html' };
  }
  if (!isFile(file)) return { problem: 'no such file' };
  return { target: target.split(path.sep).join('/'), fragment };
}

// Opens one tab for a series of visits (a new tab per page costs far more than the page).
// visit(url, fn) loads url and returns {errors, data}: the script errors and (with
// `failedRequests`) failed or 4xx/5xx requests seen since, and fn's result in the page.
async function openTab(browser, { failedRequests }) {
  const page = await browser.newPage();
  let errors;
  let badStatus; // Chromium also reports some 4xx responses as aborted requests
  page.on('pageerror', (err) => errors.push(`script error: ${err.message}`));
  page.on('console', (msg) => {
    const { url } = msg.location();
    // Chromium asks for /favicon.ico at the server's root by itself; that is not the site's.
    if (msg.type() === 'error' && !/^http:\/\/[^/]+\/favicon\.ico$/.test(url)) {
      errors.push(`console error: ${msg.text()} (${url})`);
    }
  });
  if (failedRequests) {
    page.on('response', (res) => {
      if (res.status() < 400) return;
      badStatus.add(res.url());
      errors.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    page.on('requestfailed', (req) => {
      if (badStatus.has(req.url())) return;
      // A lazy image that starts loading as the crawl moves on is cancelled, not broken: a
      // missing one answers 404 above.
      if (req.resourceType() === 'image' && req.failure()?.errorText === 'net::ERR_ABORTED') return;
      errors.push(`request failed (${req.failure()?.errorText}): ${req.url()}`);
    });
  }
  return async (url, fn) => {
    errors = [];
    badStatus = new Set();
    await page.goto(url);
    return { errors, data: fn && (await page.evaluate(fn)) };
  };
}

await run(async () => {
  if (!check(isFile(path.join(siteDir, 'index.html')), `${siteDir}/index.html exists`)) return;
  const browser = await launchBrowser();
  try {
    // Crawl over file://, recording each page's problems and its fragment targets.
    const problems = new Map(); // page -> [text]
    const anchors = new Map(); // page -> Set of ids
    const fragmentLinks = []; // {from, tag, attr, value, target, fragment}: checked after the crawl
    const visit = await openTab(browser, { failedRequests: false });
    const queue = ['index.html'];
    const seen = new Set(queue);
    while (queue.length) {
      const from = queue.shift();
      const { errors, data } = await visit(fileUrl(siteDir, from), readPage);
      problems.set(from, errors);
      anchors.set(from, new Set(data.anchors));
      for (const { tag, attr, value } of data.links) {
        const link = resolveLink(from, value);
        if (!link) continue;
        if (link.problem) {
          errors.push(`<${tag} ${attr}="${value}">: ${link.problem}`);
          continue;
        }
        if (link.fragment) fragmentLinks.push({ from, tag, attr, value, ...link });
        if (link.target.endsWith('.html') && !seen.has(link.target)) {
          seen.add(link.target);
          queue.push(link.target);
        }
      }
    }
    for (const { from, tag, attr, value, target, fragment } of fragmentLinks) {
      const ids = anchors.get(target);
      // Per HTML, "#top" scrolls to the top even with no such id.
      if (ids && !ids.has(fragment) && fragment.toLowerCase() !== 'top') {
        const problem = `${target} has no element with id "${fragment}"`;
        problems.get(from).push(`<${tag} ${attr}="${value}">: ${problem}`);
      }
    }
    for (const [page, list] of problems) {
      check(list.length === 0, `file: ${page}: links resolve, no script errors`, list.join('\n'));
    }

    // Load every crawled page over HTTP from a sub-folder of the server's root.
    const server = await startStaticServer(path.dirname(siteDir));
    try {
      const visit = await openTab(browser, { failedRequests: true });
      const folder = path.basename(siteDir);
      const base = new URL(`${encodeURIComponent(folder)}/`, server.url);
      for (const page of problems.keys()) {
        const { errors } = await visit(new URL(page, base).href);
        const name = `http: /${folder}/${page} loads with no failed request or script error`;
        check(errors.length === 0, name, errors.join('\n'));
      }
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
  }
});
