// Search in a real browser, site opened from disk: the right place first for typical queries,
// criterion ids, prefix matching, results a page at a time, snippets that show the match, the
// empty state with one suggestion, the unit filter, the header box (the whole course unless its
// unit box is ticked, a suggestion for a misspelling, keyboard use), no index loaded until
// search is used, and axe on the results page.
// Usage: node search.mjs SITE_DIR

import { readFile } from 'node:fs/promises';
import { args, check, fileUrl, formatViolations, launchBrowser, run, runAxe } from './lib.mjs';
import { partNumber, readManifest, termParts, unitRange } from './search-lib.mjs';

const [siteDir] = args('SITE_DIR', 1);
const searchUrl = (q, extra = '') => `${fileUrl(siteDir, 'search/index.html')}?q=${encodeURIComponent(q)}${extra}`;

// The results as shown (the first page of them): link path (without #fragment), title and meta
// line; `total` is the number the count announces.
async function results(page, q, extra = '') {
  await page.goto(searchUrl(q, extra));
  await page.locator('#search-count').filter({ hasNotText: /^Searching/ }).filter({ hasText: /./ }).waitFor();
  const shown = await page.locator('#search-results > li').evaluateAll((items) =>
    items.map((li) => {
      const a = li.querySelector('a');
      return { href: a.href.split('#')[0], title: a.textContent, meta: li.querySelector('.result-meta').textContent, text: li.textContent };
    }),
  );
  shown.total = Number((await page.locator('#search-count').textContent()).match(/^\d+/)?.[0] ?? 0);
  return shown;
}

run(async () => {
  const vendored = await readFile(new URL('../../themes/default/static/vendor/elasticlunr.min.js', import.meta.url));
  const npm = await readFile(new URL('./node_modules/elasticlunr/elasticlunr.min.js', import.meta.url));
  check(vendored.equals(npm), 'the theme ships elasticlunr.min.js exactly as the npm package has it');

  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    const mystery = await results(page, 'mystery shopper');
    check(mystery[0]?.href.endsWith('units/unit-10/outcomes/4/index.html'), '"mystery shopper" puts the learning outcome 4 page first', JSON.stringify(mystery.slice(0, 3), null, 1));
    const count = await page.locator('#search-count[role="status"]').textContent();
    check(count.startsWith(`${mystery.total} result`) && mystery.length === Math.min(mystery.total, 20), 'the result count is announced in a status region, and the first 20 results shown', count);
    check((await page.locator('#search-results mark').count()) > 0, 'matched words are highlighted');
    check(mystery.every((r) => /·/.test(r.meta)), 'each result shows its unit and kind');
    check((await page.locator('#search-results > li').evaluateAll((li) => li.every((x) => x.querySelectorAll('a').length === 1))), 'one link per result');

    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const v = await runAxe(page);
      check(v.length === 0, `axe: no violations on the search page with results (${scheme})`, formatViolations(v));
    }
    await page.emulateMedia({ colorScheme: 'light' });

    const p4 = await results(page, 'p4');
    check(p4[0]?.href.endsWith('units/unit-10/criteria/p4/index.html'), '"p4" puts criterion P4 first', JSON.stringify(p4.slice(0, 2)));
    const unitP4 = await results(page, 'unit 10 p4');
    check(unitP4[0]?.href.endsWith('units/unit-10/criteria/p4/index.html'), '"unit 10 p4" puts Unit 10 criterion P4 first', JSON.stringify(unitP4.slice(0, 2)));

    const compl = await results(page, 'compl');
    check(compl.length > 0 && compl.slice(0, 5).some((r) => /complain|complaint/i.test(r.text)), '"compl" finds complaints content', JSON.stringify(compl.slice(0, 3)));

    // The engine takes in a unit's postings only for the words a query needs: a second query on
    // the same page (new words, one of them a prefix) must rank exactly as a fresh page does.
    await page.locator('#search-q').fill('customer feedback survey');
    await page.keyboard.press('Enter');
    await page.locator('#search-count').filter({ hasText: 'customer feedback survey' }).waitFor();
    const inPage = await page.locator('#search-results > li a').evaluateAll((as) => as.map((a) => a.href));
    const fresh = await results(page, 'customer feedback survey');
    check(inPage.length > 0 && JSON.stringify(inPage.map((h) => h.split('#')[0])) === JSON.stringify(fresh.map((r) => r.href)),
      'a second query on the same page ranks exactly as a fresh search', `${inPage.length} in page, ${fresh.length} fresh`);

    const none = await results(page, 'xqzvbnw');
    const emptyText = await page.locator('#search-count').textContent();
    check(none.length === 0 && emptyText.startsWith('No results for'), 'a nonsense word shows the empty state', emptyText);
    await results(page, 'complaintz');
    const suggestion = await page.locator('#search-suggestion a').textContent().catch(() => '');
    check(suggestion === 'complaints', 'a misspelling suggests a nearby term', suggestion);
    const offers = (await page.locator('main').innerText()).split('Did you mean').length - 1;
    check(offers === 1, `"did you mean" is offered once (${offers})`);

    // A search with more than 100 results shows them a page at a time.
    const many = await results(page, 'complaints');
    const said = await page.locator('#search-count').textContent();
    const found = Number(/^(\d+) results/.exec(said)?.[1]);
    check(found >= 100 && many.length === 20, `"complaints": the first 20 of ${found} results are shown`, said);
    check(/showing the first 20/.test(said), 'the count says how many are shown', said);
    await page.locator('#search-more').click();
    check((await page.locator('#search-results > li').count()) === 40, '"Show more" adds the next 20');
    const focused = await page.evaluate(() => [...document.querySelectorAll('#search-results > li')].indexOf(document.activeElement.closest('li')));
    check(focused === 20, 'after "Show more" the focus is on the first new result', String(focused));
    while (await page.locator('#search-more').isVisible()) await page.locator('#search-more').click();
    check((await page.locator('#search-results > li').count()) === found, `every result can be shown (${found})`);

    // Every snippet shown holds a word of the query, marked.
    let snippets = 0;
    for (const q of ['complaints', 'customer feedback survey', 'mystery shopper', 'compl', 'body language']) {
      await results(page, q);
      while (await page.locator('#search-more').isVisible()) await page.locator('#search-more').click();
      const stems = q.split(' ').map((w) => w.slice(0, Math.max(3, w.length - 2)));
      const bad = await page.locator('#search-results .snippet').evaluateAll((ps, stems) =>
        ps.filter((p) => !p.querySelector('mark') || !stems.some((s) => p.textContent.toLowerCase().includes(s))).map((p) => p.textContent), stems);
      const shown = await page.locator('#search-results .snippet').count();
      snippets += shown;
      check(bad.length === 0, `"${q}": all ${shown} snippets shown hold a query word`, bad.slice(0, 5).join('\n'));
      const lead = await page.locator('#search-results .snippet').evaluateAll((ps) => ps.map((p) => p.textContent).filter((t) => /^[.,;:!?]/.test(t)));
      check(lead.length === 0, `"${q}": no snippet starts with punctuation`, lead.slice(0, 3).join('\n'));
    }
    check(snippets >= 20, `results show snippets where they hold the match (${snippets})`);

    // How many results the count says there are (the list shows a page of them).
    const total = async () => Number(/^(\d+) result/.exec(await page.locator('#search-count').textContent())?.[1] ?? 0);
    await results(page, 'customer');
    const all = await total();
    const unit10 = await results(page, 'customer', '&unit=unit-10');
    const inUnit = await total();
    check(inUnit > 0 && inUnit < all, `the unit filter narrows results (${all} → ${inUnit})`);
    check(unit10.every((r) => r.meta.startsWith('Unit 10 ·')), 'the unit filter keeps only that unit');
    const kindIndex = await page.locator('#search-kind option', { hasText: 'criterion' }).getAttribute('value');
    const criteria = await results(page, 'customer', `&kind=${kindIndex}`);
    check(criteria.length > 0 && criteria.every((r) => r.meta.endsWith('· criterion')), 'the kind filter keeps only that kind');

    // A page where nobody searches loads no index. The header box shows its unit box; ticked,
    // only that unit's index loads.
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(fileUrl(siteDir, 'units/unit-10/criteria/p1/index.html'));
    await page.waitForLoadState('load');
    check(!requested.some((u) => /search\/[a-z]+[/.]|search-(index|codes|results)|elasticlunr/.test(u)), 'a page where search is not used requests no index', requested.filter((u) => /search/.test(u)).join('\n'));
    const only = page.locator('#site-search-unit');
    check((await only.isVisible()) && !(await only.isChecked()) && (await page.locator('label[for="site-search-unit"]').textContent()) === 'Only Unit 10',
      'the header box shows an "Only Unit 10" box, not ticked: it searches the whole course');
    await only.check();
    await page.locator('#site-search-input').focus();
    await page.waitForFunction(() => window.elasticlunr !== undefined);
    await page.locator('#site-search-input').pressSequentially('mystery');
    await page.locator('#site-search-list [role="option"]').first().waitFor();
    const manifest = await readManifest(siteDir);
    const terms = requested.filter((u) => /search\/terms\//.test(u)).map(partNumber).sort((a, b) => a - b);
    const typed = ['my', 'mys', 'myst', 'myste', 'myster', 'mystery'];
    const expected = [...new Set(typed.flatMap((q) => termParts(manifest, q)))].sort((a, b) => a - b);
    check(JSON.stringify(terms) === JSON.stringify(expected), 'typing in the header box loads only the term parts of what was typed', `${terms} vs ${expected}`);
    const unit = unitRange(manifest, 'unit-10');
    const lengths = requested.filter((u) => /search\/lengths\//.test(u)).map(partNumber);
    check(lengths.length > 0 && lengths.every((n) => n * manifest.lengths.size < unit.end && (n + 1) * manifest.lengths.size > unit.start),
      'searching within a unit loads only the lengths of that unit\'s documents', lengths.join(' '));
    await Promise.all([page.waitForURL(/search\/index\.html/), page.keyboard.press('Enter')]);
    await page.locator('#search-count').filter({ hasText: 'mystery' }).waitFor();
    check((await page.locator('#search-unit').inputValue()) === 'unit-10' && (await page.locator('#search-results > li').count()) > 0, 'submitting with the unit box ticked searches that unit on the search page');

    // Unticked, the header box of a unit page finds another unit's criterion 1.3.
    await page.goto(fileUrl(siteDir, 'units/unit-10/criteria/p1/index.html'));
    await page.locator('#site-search-input').focus();
    await page.locator('#site-search-input').pressSequentially('1.3');
    await page.locator('#site-search-list [role="option"]').first().waitFor();
    // The list first shows what "1" or "1." found; on a busy machine the answer to "1.3" comes
    // a moment later. What it settles on is what is checked.
    await page.waitForFunction(() => {
      const first = document.querySelector('#site-search-list [role="option"]');
      return first && /\/criteria\/1-3\/index\.html/.test(first.getAttribute('data-href') || '');
    }, null, { timeout: 10000 }).catch(() => {});
    const top = await page.locator('#site-search-list [role="option"]').first().getAttribute('data-href');
    check(/\/criteria\/1-3\/index\.html/.test(top) && !top.includes('unit-10'), 'from Unit 10\'s header, "1.3" finds criterion 1.3 of another unit first', top);
    // A last word of one letter is searched only once the learner pauses on it: typed on at
    // once, the list never shows what "mystery c" found, and it shows "mystery co".
    await page.locator('#site-search-input').fill('');
    await page.evaluate(() => {
      window.listedFor = [];
      new MutationObserver(() => {
        const last = document.querySelector('#site-search-list [role="option"]:last-child');
        if (last) window.listedFor.push(last.textContent);
      }).observe(document.querySelector('#site-search-list'), { childList: true });
    });
    await page.locator('#site-search-input').pressSequentially('mystery co');
    await page.waitForFunction(() => window.listedFor.some((t) => t.endsWith('“mystery co”')));
    const listed = await page.evaluate(() => window.listedFor);
    check(!listed.some((t) => t.endsWith('“mystery c”')), 'typing on, the header box does not search a last word of one letter', listed.join(' | '));
    await page.locator('#site-search-input').press('Backspace');
    await page.waitForFunction(() => window.listedFor.some((t) => t.endsWith('“mystery c”')), null, { timeout: 10000 }).catch(() => {});
    check((await page.evaluate(() => window.listedFor)).some((t) => t.endsWith('“mystery c”')), 'after a pause it does search it');
    // A misspelling gets one suggestion in the drop-down.
    await page.locator('#site-search-input').fill('');
    await page.locator('#site-search-input').pressSequentially('complaintz');
    const offered = page.locator('#site-search-list [role="option"].option-suggest');
    await offered.waitFor();
    check((await offered.textContent()) === 'Did you mean “complaints”?', 'the drop-down suggests the nearby term', await offered.textContent());
    await page.locator('#site-search-input').fill('');
    await page.locator('#site-search-input').pressSequentially('mystery');
    await page.locator('#site-search-list [role="option"]:not(.option-suggest)').first().waitFor();

    // The open suggestion list passes axe too.
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const v = await runAxe(page);
      check(v.length === 0, `axe: no violations with the header suggestions open (${scheme})`, formatViolations(v));
    }

    // Arrow keys and Enter move through the header box's results.
    const firstHref = await page.locator('#site-search-list [role="option"]').first().getAttribute('data-href');
    const target = new URL(firstHref, page.url()).href.split('#')[0];
    await page.keyboard.press('ArrowDown');
    const active = await page.locator('#site-search-input').getAttribute('aria-activedescendant');
    check(active === 'site-search-option-0', 'ArrowDown selects the first suggestion', String(active));
    const opened = await Promise.all([
      page.waitForURL((u) => u.href.split('#')[0] === target, { timeout: 5000 }).then(() => true, () => false),
      page.keyboard.press('Enter'),
    ]);
    check(opened[0], 'Enter opens the selected suggestion', `${page.url()} vs ${target}`);

    check(errors.length === 0, 'no JavaScript errors', errors.join('\n'));
  } finally {
    await browser.close();
  }
});
