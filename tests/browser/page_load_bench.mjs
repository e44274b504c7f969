// SPDX-License-Identifier: GPL-3.0-or-later
// How the page copes with a large library, in Debian's Chromium: time from opening the page
// to the table and the map being drawn, the map's redraw on a zoom (mean of 20), and the
// library's /api/map size. A benchmark, not a test (docs/benchmarks.md); it lives beside the
// browser test to share its pinned driver.
// Usage: node tests/browser/page_load_bench.mjs TIMBRE_BINARY STORE
import { spawn } from 'node:child_process';
import puppeteer from 'puppeteer-core';

const [binary, store] = process.argv.slice(2);
const server = spawn(binary, ['serve', '--db', store, '--port', '0']);
const url = await new Promise((resolve, reject) => {
  let log = '';
  const read = (chunk) => {
    log += chunk;
    const found = log.match(/on (http:\/\/[^ ]+\/)/);
    if (found) resolve(found[1]);
  };
  server.stdout.on('data', read);
  server.stderr.on('data', read);
  server.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${log}`)));
});
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const started = performance.now();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelectorAll('#tracks tbody tr').length > 0 &&
    document.querySelectorAll('#map-legend span').length > 0, { timeout: 120000 });
  const ready = performance.now() - started;
  const points = await page.evaluate(async () => (await (await fetch('/api/map')).json()).points.length);
  // Each wheel event redraws the whole map synchronously in its handler: time them in the page.
  const redraw = await page.$eval('#map', (canvas) => {
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) {
      canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 2 ? 100 : -100, cancelable: true }));
    }
    return (performance.now() - started) / 20;
  });
  console.log(`| ${points} | ${Math.round(ready)} | ${redraw.toFixed(1)} |`);
} finally {
  await browser.close();
  server.kill();
}
