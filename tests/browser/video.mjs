// The video blocks of tests/fixtures/video in a real browser, the page opened from disk: no
// request leaves for YouTube or Vimeo before the learner presses play (the request log of every
// request the page makes; none may reach the network); pressing play with the keyboard puts the
// player on the privacy domain in the button's place and moves the focus to it; without script
// the link to the video's own page stays; the local video plays with its captions loaded (from
// disk when the build put them in the page, else from a web server); no sideways scroll at
// 320 px; axe clean.
// Usage: node video.mjs SITE_DIR (a build of the minimal fixture with the video fixture's
// knowledge item). Writes the local video's files into SITE_DIR/units/demo-unit/files/: its
// captions from the fixture, and a two-second WebM this script records from a canvas.

import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { args, axeClean, check, fileUrl, launchBrowser, run, startStaticServer } from './lib.mjs';

const [siteDir] = args('SITE_DIR', 1);
const PAGE = 'units/demo-unit/knowledge/demo-parts/index.html';
const FIXTURE = fileURLToPath(new URL('../fixtures/video/', import.meta.url));
const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be|ytimg\.com|googlevideo\.com|vimeo\.com|vimeocdn\.com)$/;

// A WebM of two seconds of a changing canvas, recorded by the browser itself.
async function recordWebm(context) {
  const page = await context.newPage();
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    document.body.appendChild(canvas);
    const g = canvas.getContext('2d');
    const stream = canvas.captureStream(15);
    const recorder = new MediaRecorder(stream, { mimeType: 'video/webm' });
    const chunks = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise((resolve) => { recorder.onstop = resolve; });
    recorder.start(100);
    const started = performance.now();
    await new Promise((resolve) => {
      const draw = () => {
        const t = performance.now() - started;
        g.fillStyle = `hsl(${Math.round(t / 10) % 360} 60% 50%)`;
        g.fillRect(0, 0, 160, 90);
        if (t < 2000) requestAnimationFrame(draw);
        else resolve();
      };
      draw();
    });
    recorder.stop();
    await done;
    const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  });
  await page.close();
  return Buffer.from(base64, 'base64');
}

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
    const files = path.join(siteDir, 'units/demo-unit/files');
    await mkdir(files, { recursive: true });
    await copyFile(path.join(FIXTURE, 'clip.vtt'), path.join(files, 'clip.vtt'));
    const webm = await recordWebm(context);
    check(webm.length > 1000, 'the browser recorded a WebM for the local video', `${webm.length} bytes`);
    await writeFile(path.join(files, 'clip.webm'), webm);
    requests.length = 0;

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
