// The video blocks of tests/fixtures/video in a real browser, the page opened from disk: no
// request leaves for YouTube or Vimeo before the learner presses play (the request log of every
// request the page makes; none may reach the network); pressing play with the keyboard puts the
// player on the privacy domain in the button's place and moves the focus to it; without script
// the link to the video's own page stays; the local video plays with its captions loaded (from
// disk when the build put them in the page, else from a web server); no sideways scroll at
// 320 px; axe clean.
// Usage: node video.mjs SITE_DIR (a build of the minimal fixture with the video fixture's
// knowledge item and its WebM and captions in the unit's files/ folder).

import { args, axeClean, check, fileUrl, launchBrowser, run, startStaticServer } from './lib.mjs';

const [siteDir] = args('SITE_DIR', 1);
const PAGE = 'units/demo-unit/knowledge/demo-parts/index.html';
const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be|ytimg\.com|googlevideo\.com|vimeo\.com|vimeocdn\.com)$/;

run(async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    // Nothing may reach the network: every request that is not for a file is logged and refused.
    const requests = [];
    await context.route(/^(?!file:)/, (route) => {
      requests.push(route.request().url());
      return route.abort();
    });

    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const toVideoSites = () => requests.filter((u) => {
      try {
        return VIDEO_HOSTS.test(new URL(u).hostname);
      } catch {
        return false;
      }
    });
    await page.goto(fileUrl(siteDir, PAGE));
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    check(requests.length === 0, 'opening the page makes no request beyond its own files', requests.join('\n'));
    check(await page.locator('iframe').count() === 0, 'no player is in the page before play is pressed');
    const buttons = page.locator('button.video-play');
    check(await buttons.count() === 2, 'each embedded video has a play button', String(await buttons.count()));
    check(await buttons.first().isVisible(), 'the play button is shown when script runs');
    await axeClean(page, 'a page with videos, before play');

    // The local video: its captions are loaded and shown. Browsers load no captions file into a
    // page opened from disk; captions put in the page (a data: address) load anywhere, and are
    // checked from disk; captions linked as a file are checked from a web server.
    const trackSrc = await page.locator('figure.video track').getAttribute('src');
    let captionsPage = page;
    let server;
    if (!trackSrc.startsWith('data:')) {
      console.log('# the captions are linked as a file, so they are checked from a web server');
      server = await startStaticServer(siteDir);
      await context.unroute(/^(?!file:)/);
      await context.route(/^(?!file:|http:\/\/127\.0\.0\.1:)/, (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      captionsPage = await context.newPage();
      await captionsPage.goto(new URL(PAGE, server.url).href);
    }
    const captions = await captionsPage.evaluate(async () => {
      const video = document.querySelector('figure.video video');
      const track = video.querySelector('track');
      for (let i = 0; i < 50 && track.readyState < 2; i++) await new Promise((r) => setTimeout(r, 100));
      for (let i = 0; i < 50 && video.readyState < 1 && !video.error; i++) await new Promise((r) => setTimeout(r, 100));
      const t = video.textTracks[0];
      return { ready: track.readyState, mode: t.mode, cues: t.cues ? t.cues.length : -1, first: t.cues?.[0]?.text, error: video.error?.code ?? null, metadata: video.readyState >= 1 };
    });
    check(captions.ready === 2 && captions.mode === 'showing' && captions.cues === 2, 'the local video has its WebVTT captions loaded and showing', JSON.stringify(captions));
    check(captions.first === 'Customer: This kettle stopped working after two days.', 'the first caption is the fixture\'s', JSON.stringify(captions));
    check(captions.error === null && captions.metadata, 'the local video loads without a media error', JSON.stringify(captions));
    if (server) {
      await captionsPage.close();
      await server.close();
    }

    // YouTube: focus the button and press Enter.
    const youtube = page.locator('figure.video-embed').first();
    await youtube.locator('button.video-play').focus();
    check(toVideoSites().length === 0, 'focusing the button loads nothing', toVideoSites().join('\n'));
    await page.keyboard.press('Enter');
    const frame = youtube.locator('iframe');
    await frame.waitFor({ state: 'attached', timeout: 5000 });
    const src = await frame.getAttribute('src');
    check(src === 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1', 'Enter puts the player on the privacy domain in place of the button', src);
    check(await frame.getAttribute('title') === 'Opening a demo well', 'the player is titled with the video\'s title', await frame.getAttribute('title'));
    check(await youtube.locator('button').count() === 0, 'the button is gone');
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    check(focused === 'IFRAME', 'the keyboard focus moves to the player', focused);
    await page.waitForTimeout(300);
    const hosts = toVideoSites().map((u) => new URL(u).hostname);
    check(hosts.length > 0 && hosts.every((h) => h === 'www.youtube-nocookie.com'), 'only the privacy domain is asked, and only after play', toVideoSites().join('\n'));

    // Vimeo: Space works as well.
    const vimeo = page.locator('figure.video-embed').nth(1);
    await vimeo.locator('button.video-play').focus();
    await page.keyboard.press(' ');
    const vimeoSrc = await vimeo.locator('iframe').getAttribute('src');
    check(vimeoSrc === 'https://player.vimeo.com/video/76979871?dnt=1&autoplay=1', 'Space starts the Vimeo player, with do-not-track', vimeoSrc);
    check(errors.length === 0, 'no script errors', errors.join('\n'));

    // A phone: nothing wider than the screen.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 320, height: 640 });
    await phone.goto(fileUrl(siteDir, PAGE));
    const widths = await phone.evaluate(() => [document.documentElement.scrollWidth, document.querySelector('.video-frame').getBoundingClientRect()]);
    check(widths[0] <= 320, 'no sideways scroll at 320 px', String(widths[0]));
    const box = widths[1];
    check(Math.abs(box.width / box.height - 16 / 9) < 0.05, 'the player box is 16:9', `${box.width}x${box.height}`);

    // Without script: no dead button, and the link to the video's own page.
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    await noScript.route(/^(?!file:)/, (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    const plain = await noScript.newPage();
    requests.length = 0;
    await plain.goto(fileUrl(siteDir, PAGE));
    check(!(await plain.locator('button.video-play').first().isVisible()), 'without script the play button is hidden');
    const watch = plain.locator('a', { hasText: 'Watch on YouTube' });
    check(await watch.isVisible() && (await watch.getAttribute('href')) === 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'without script the link to the video on YouTube is there');
    check(requests.length === 0, 'without script nothing is requested either', requests.join('\n'));
  } finally {
    await browser.close();
  }
});
