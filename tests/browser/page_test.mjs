// SPDX-License-Identifier: GPL-3.0-or-later
// The web page of `timbre serve`, driven in Debian's Chromium the way a listener uses it: the
// library table fills and searches, the footer names what each model's training data allows,
// the map draws every track and a click on a point makes
// it a seed, a playlist is built with a reason on every line, a track is removed, the list is
// exported as M3U8 in the order shown, saved, opened again and deleted, a playlist alike in
// mood is built, a path playlist runs from a file that does not join the library, audio files are
// uploaded at once and join the library (a file that is not
// audio named as refused, one that breaks off named as failed, one whose sending is cut off
// sent again), a track plays, a folder's
// analysis names its failed track, and on a server limiting requests the page waits out its
// 429s and builds every playlist asked for. One line per check; the last line says how many
// passed and failed (exit 1 if any failed).
// Screenshots of the table, the map and a playlist are left in ARTEFACTS.
// Usage: node page_test.mjs TIMBRE_BINARY STORE ARTEFACTS NOT_AUDIO_FILE BROKEN_AUDIO_FILE AUDIO_FILE_TO_UPLOAD...
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import puppeteer from 'puppeteer-core';

const [binary, store, artefacts, notAudio, brokenAudio, ...uploads] = process.argv.slice(2);
mkdirSync(artefacts, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'timbre-browser-'));
for (const suffix of ['', '-wal', '-shm']) {
  if (existsSync(store + suffix)) cpSync(store + suffix, join(scratch, 'demo.db' + suffix));
}

let passed = 0;
let failed = 0;
function check(what, ok, detail = '') {
  if (ok) passed += 1; else failed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : `: ${detail}`}`);
}

// A `timbre serve` of the scratch store on a free port: its process and the address it prints.
// Every server started is stopped at the end, whatever happened.
const servers = [];
async function startServer(extra) {
  const child = spawn(binary, ['serve', '--db', join(scratch, 'demo.db'), '--port', '0', ...extra]);
  servers.push(child);
  const url = await new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${log}`)), 60000);
    const read = (chunk) => {
      log += chunk;
      const found = log.match(/on (http:\/\/[^ ]+\/)/);
      if (found) { clearTimeout(timer); resolve(found[1]); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${log}`)));
  });
  return { child, url };
}

// A library folder of the server's holding one WAV that breaks off, for the page's analysis.
mkdirSync(join(scratch, 'music'));
cpSync(brokenAudio, join(scratch, 'music', 'cut-short.wav'));
const { url } = await startServer(['--uploads', join(scratch, 'uploads'), '--library', join(scratch, 'music'), '--jobs', '1']);

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.setViewport({ width: 1400, height: 1000 });
  await page.goto(url);

  await page.waitForFunction(() => document.querySelectorAll('#tracks tbody tr').length > 0, { timeout: 30000 });
  check('the table lists the library', await page.$$eval('#tracks tbody tr', (rows) => rows.length) === 36);
  check('the header counts the tracks', (await page.$eval('#library-size', (e) => e.textContent)) === '36 tracks');
  const genres = await page.$$eval('#tracks tbody tr', (rows) => rows.map((r) => r.children[2].textContent));
  check('each genre answer shows the probability given it', genres.every((g) => /^[a-z&-]+( [a-z]+)? \d{1,3}%$/.test(g)),
    genres.join(', '));
  const terms = await page.$eval('#models', (e) => (e.hidden ? '' : e.textContent));
  check('the page says what the models\' training data allows', /genre_trees \(emotify-genre\.ubj\): non-commercial/.test(terms), terms);

  const painted = await page.$eval('#map', (canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count += 1;
    return count;
  });
  check('the map draws the tracks', painted > 36 * 10, `${painted} pixels painted`);
  check('the map has a legend', (await page.$$('#map-legend span')).length >= 2);
  await page.screenshot({ path: join(artefacts, 'table.png'), clip: await page.$eval('#library-panel', (e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: Math.min(r.height, 700) };
  }) });
  await (await page.$('#map-panel')).screenshot({ path: join(artefacts, 'map.png') });

  await page.type('#search', 'savino');
  await page.waitForFunction(() => document.querySelector('#page').textContent.includes(' of ') &&
    document.querySelectorAll('#tracks tbody tr').length < 36, { timeout: 10000 });
  const names = await page.$$eval('#tracks tbody td.name', (cells) => cells.map((c) => c.textContent));
  check('search narrows the table', names.length >= 3 && names.every((n) => /savino/i.test(n)), names.join(', '));

  await page.click('#tracks tbody tr button[title="use as a playlist seed"]');
  check('a row becomes a seed', (await page.$$('#seeds > span')).length === 1);

  await page.$eval('#search', (input) => { input.value = ''; });
  const answered = page.waitForResponse((r) => decodeURIComponent(r.url()).includes('where=energy>=0.3'), { timeout: 10000 });
  await page.type('#filter', 'bpm>125 energy>=0.3');
  const { total } = await (await answered).json();
  await page.waitForFunction((n) => document.querySelectorAll('#tracks tbody tr').length === n, { timeout: 10000 }, total);
  const filtered = await page.$$eval('#tracks tbody tr', (rows) => rows.map((r) => [Number(r.children[4].textContent),
    Number(r.children[6].textContent)]));
  check('the filter box takes comparisons', total > 0 && total < 36 && filtered.every(([bpm, energy]) => bpm > 125 && energy >= 0.3),
    JSON.stringify(filtered));
  await page.$eval('#filter', (input) => { input.value = ''; });

  await page.$eval('#rules', (input) => { input.value = 'bpm<150'; });
  const asked = await page.$eval('#tracks tbody tr', (row) => Number(row.dataset.id));
  await page.click('#tracks tbody tr button[title="the tracks most like this one, as the playlist"]');
  await page.waitForFunction(() => document.querySelectorAll('#playlist li').length > 1, { timeout: 30000 });
  const alike = await page.$$eval('#playlist li', (items) => items.map((i) => [Number(i.dataset.id),
    i.querySelector('.reasons').textContent]));
  const slower = (await (await fetch(new URL('api/tracks?where=bpm%3C150&limit=500', url))).json()).tracks.map((t) => t.id);
  check('a row\'s "like this" lists it and its nearest tracks under the rules', alike.length === 20 && alike[0][0] === asked &&
    alike.slice(1).every(([id, why]) => slower.includes(id) && id !== asked && /closeness by metric/.test(why)),
    JSON.stringify(alike.slice(0, 3)));
  await page.$eval('#rules', (input) => { input.value = ''; });

  const map = (await (await fetch(new URL('api/map', url))).json()).points;
  const target = map.find((p) => !/savino/i.test(p.name));
  const box = await page.$eval('#map', (canvas) => {
    const r = canvas.getBoundingClientRect();
    return { left: r.left, top: r.top, width: r.width, scale: r.width / canvas.width, w: canvas.width, h: canvas.height };
  });
  const half = Math.min(box.w, box.h) / 2 * 0.92;
  await page.mouse.click(box.left + (box.w / 2 + target.x * half) * box.scale, box.top + (box.h / 2 - target.y * half) * box.scale);
  const seeds = await page.$$eval('#seeds > span', (spans) => spans.map((s) => s.textContent));
  check('a click on the map adds that track as a seed', seeds.length === 2 && seeds[1].startsWith(target.name), seeds.join(' | '));

  const seedIds = await page.evaluate(() => [...document.querySelectorAll('#seeds > span')].length);
  await page.select('#strategy', 'path');
  await page.$eval('#length', (input) => { input.value = '6'; });
  await page.click('#build');
  await page.waitForFunction(() => document.querySelectorAll('#playlist li').length === 6, { timeout: 30000 });
  const path = await page.$$eval('#playlist li', (items) => items.map((i) => Number(i.dataset.id)));
  check('a path playlist runs from the first seed to the map-picked one', seedIds === 2 && path.length === 6 &&
    path[path.length - 1] === target.id, JSON.stringify(path));

  await page.select('#strategy', 'nearest');
  await page.$eval('#length', (input) => { input.value = '10'; });
  await page.click('#build');
  await page.waitForFunction(() => document.querySelectorAll('#playlist li').length === 10, { timeout: 30000 });
  await (await page.$('#playlist-panel')).screenshot({ path: join(artefacts, 'playlist.png') });
  const reasons = await page.$$eval('#playlist li .reasons', (items) => items.map((i) => i.textContent));
  check('the playlist is built', reasons.length === 10, `${reasons.length} tracks`);
  check('every track says why it is there', reasons.every((r) => r.length > 0));

  await page.click('#playlist li:nth-child(2) button[title="remove from the playlist"]');
  const shown = await page.$$eval('#playlist li', (items) => items.map((i) => Number(i.dataset.id)));
  check('a track can be removed', shown.length === 9);

  await page.evaluate(() => {
    window.exported = null;
    URL.createObjectURL = (blob) => { window.exported = blob; return 'blob:exported'; };
    HTMLAnchorElement.prototype.click = () => {};
  });
  await page.click('#export-m3u8');
  await page.waitForFunction(() => window.exported !== null, { timeout: 10000 });
  const m3u8 = await page.evaluate(() => window.exported.text());
  const entries = m3u8.split('\n').filter((line) => line.startsWith('#EXTINF'));
  check('M3U8 export of the list as shown', m3u8.startsWith('#EXTM3U') && entries.length === shown.length,
    `${entries.length} entries for ${shown.length} tracks`);

  // An MP3: some of the demo's Ogg files have headers Chromium's FFmpeg refuses (ffprobe too).
  await page.$eval('#search', (input) => { input.value = ''; });
  await page.type('#search', '.mp3');
  await page.waitForFunction(() => [...document.querySelectorAll('#tracks tbody td.name')].every((c) => c.title.endsWith('.mp3')),
    { timeout: 10000 });
  await page.type('#playlist-name', 'browser test');
  await page.click('#save');
  await page.waitForFunction(() => document.querySelectorAll('#saved option').length === 1, { timeout: 10000 });
  check('the playlist is saved under its name',
    (await page.$eval('#saved option', (o) => o.textContent)) === `browser test (${shown.length})`);
  await page.click('#playlist li:nth-child(1) button[title="remove from the playlist"]');
  await page.click('#open');
  await page.waitForFunction((count) => document.querySelectorAll('#playlist li').length === count, { timeout: 10000 }, shown.length);
  const reopened = await page.$$eval('#playlist li', (items) => items.map((i) => Number(i.dataset.id)));
  check('a saved playlist opens as it was saved', JSON.stringify(reopened) === JSON.stringify(shown));
  await page.click('#delete');
  await page.waitForFunction(() => document.querySelectorAll('#saved option').length === 0, { timeout: 10000 })
    .then(() => check('a saved playlist is deleted', true), () => check('a saved playlist is deleted', false));

  await page.select('#alike', 'mood');
  await page.click('#build');
  await page.waitForFunction(() => [...document.querySelectorAll('#playlist li .reasons')]
    .some((r) => /triplet_mood/.test(r.textContent) && !/timbre \d/.test(r.textContent)), { timeout: 30000 });
  const moodReasons = await page.$$eval('#playlist li .reasons', (items) => items.map((i) => i.textContent));
  check('a playlist alike in mood follows the mood metric alone', moodReasons.length === 10 &&
    moodReasons.filter((r) => r !== 'seed').every((r) => /triplet_mood/.test(r) && !/timbre \d/.test(r)), moodReasons.join(' | '));
  await page.select('#alike', 'sound');

  // A file of the listener's computer, compared with the library without joining it: a path
  // playlist from it to the last seed (the track picked on the map), the file itself not in it.
  await page.select('#strategy', 'path');
  await page.$eval('#length', (input) => { input.value = '6'; });
  await (await page.$('#from-file')).uploadFile(uploads[0]);
  const fromFile = await page.waitForFunction(
    () => /not added/.test(document.querySelector('#from-file-status').textContent), { timeout: 60000 },
  ).then(() => true, () => false);
  const walk = await page.$$eval('#playlist li', (items) => items.map((i) => Number(i.dataset.id)));
  const walkReasons = await page.$$eval('#playlist li .reasons', (items) => items.map((i) => i.textContent));
  check('a playlist from a file of this computer runs to the last seed, each track with a reason, the file not added',
    fromFile && walk.length === 6 && walk[5] === target.id && walk.every((id) => id > 0) &&
    walkReasons.every((r) => r.length > 0) && (await (await fetch(new URL('api/health', url))).json()).tracks === 36,
    `${await page.$eval('#from-file-status', (e) => e.textContent)}; ${JSON.stringify(walk)}`);
  await page.select('#strategy', 'nearest');

  // Files from the listener's computer, chosen at once: each uploaded, then all analysed in one
  // batch and in the library; one that is not audio is refused by name, one that is audio but
  // breaks off fails its analysis by name, and neither stops the others. The first try at
  // sending the first audio file is cut off (the connection reset before the server heard of
  // it): the page asks the server what it kept and sends the file again.
  const brokenOff = basename(uploads[0]);
  let cutOff = 0;
  await page.setRequestInterception(true);
  const cutFirstTry = (request) => {
    const sending = request.method() === 'POST' && request.url().includes(`/api/uploads?name=${brokenOff}&`);
    if (sending && cutOff === 0) {
      cutOff += 1;
      request.abort('connectionreset');
    } else {
      request.continue();
    }
  };
  page.on('request', cutFirstTry);
  const chooser = await page.$('#upload');
  await chooser.uploadFile(notAudio, brokenAudio, ...uploads);
  const expected = `${36 + uploads.length} tracks`;
  const added = await page.waitForFunction((size) => document.querySelector('#library-size').textContent === size,
    { timeout: 120000 }, expected).then(() => true, () => false);
  check('uploaded files are analysed together and join the library', added,
    await page.$eval('#analysis', (e) => e.textContent));
  check('an upload whose connection broke off is sent again and joins them', cutOff === 1 && added,
    `${cutOff} request cut off`);
  page.off('request', cutFirstTry);
  await page.setRequestInterception(false);
  const summary = `${uploads.length} of ${uploads.length + 2} uploads analysed`;
  const reported = await page.waitForFunction((text) => document.querySelector('#analysis').textContent.startsWith(text),
    { timeout: 20000 }, summary).then(() => true, () => false);
  const said = await page.$eval('#analysis', (e) => e.textContent);
  check('the upload says how many were analysed and which file was refused, and why',
    reported && said.includes('not-audio.wav') && said.includes('not audio'), said);
  check('and which file failed its analysis, and why', /truncated\.wav: decode: [^;]*truncated/.test(said), said);

  // Found and clicked in one step inside the page: the table re-renders when the library
  // grows, and a handle taken before that would point at a detached row.
  await page.$eval('#tracks tbody tr button[title="play"]', (button) => button.click());
  const playing = await page.waitForFunction(() => {
    const player = document.querySelector('#player');
    return player.src.endsWith('/audio') && player.readyState >= 1 && player.duration > 0;
  }, { timeout: 20000 }).then(() => true, () => false);
  check('a track plays in the page', playing, await page.$eval('#player', (p) =>
    `src ${p.src}, readyState ${p.readyState}, networkState ${p.networkState}, error ${p.error?.message}`));

  // A folder analysed from the page: its track that fails is named with the reason.
  await page.type('#analyse-path', join(scratch, 'music'));
  await page.click('#analyse');
  const named = await page.waitForFunction(() => /^analysed .*music: 1 of 1 tracks, 1 failed \(cut-short\.wav: decode: .*truncated/
    .test(document.querySelector('#analysis').textContent), { timeout: 60000 }).then(() => true, () => false);
  check('a folder\'s analysis names the track that failed, and why', named, await page.$eval('#analysis', (e) => e.textContent));
  check('no script error', errors.length === 0, errors.join('; '));

  // A server that allows one request a second (bursts of ten): loading the page spends most of
  // the burst, so of six playlists asked for at once some are refused with 429; the page says
  // it is waiting, sends them again, and every one is built.
  const limited = await startServer(['--rate-limit', '1']);
  const busyPage = await browser.newPage();
  const busyErrors = [];
  busyPage.on('pageerror', (error) => busyErrors.push(error.message));
  await busyPage.goto(limited.url);
  await busyPage.waitForFunction(() => document.querySelectorAll('#tracks tbody tr').length > 0, { timeout: 60000 });
  await busyPage.click('#tracks tbody tr button[title="use as a playlist seed"]');
  await busyPage.$eval('#length', (input) => { input.value = '5'; });
  await busyPage.evaluate(() => {
    window.answers = { built: 0, refused: 0 };
    const original = window.fetch;
    window.fetch = async (...request) => {
      const response = await original(...request);
      if (response.status === 429) window.answers.refused += 1;
      if (response.ok && String(request[0]).startsWith('/api/playlist')) window.answers.built += 1;
      return response;
    };
    for (let i = 0; i < 6; i += 1) document.querySelector('#build').click();
  });
  const waited = await busyPage.waitForFunction(() => !document.querySelector('#busy').hidden &&
    /busy: trying again in \d+ s/.test(document.querySelector('#busy').textContent), { timeout: 20000 })
    .then(() => true, () => false);
  check('a page refused for too many requests says it is waiting', waited);
  const built = await busyPage.waitForFunction(
    () => window.answers.built === 6 && document.querySelector('#busy').hidden, { timeout: 60000 })
    .then(() => true, () => false);
  const shownError = await busyPage.$eval('#playlist-error', (e) => (e.hidden ? '' : e.textContent));
  const answers = await busyPage.evaluate(() => window.answers);
  check('and sends again until every playlist asked for is built', built && answers.refused > 0 && !shownError &&
    (await busyPage.$$('#playlist li')).length === 5, `${JSON.stringify(answers)}; ${shownError}`);
  check('no script error on the limited server', busyErrors.length === 0, busyErrors.join('; '));
} finally {
  await browser.close();
  for (const child of servers) child.kill();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
