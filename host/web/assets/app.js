// SPDX-License-Identifier: GPL-3.0-or-later
// timbre's web page: reads the library and its map from /api, keeps the seeds and the current
// playlist, and renders them. No framework: a few functions over the DOM and one canvas.

const $ = (selector) => document.querySelector(selector);
const state = { offset: 0, limit: 50, total: 0, seeds: [], playlist: [], points: [], regions: [], view: { scale: 1, x: 0, y: 0 } };
// Twenty distinct colours (Tableau 20): the genre answer has fourteen words, the mood four.
const palette = [
  '#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f',
  '#aec7e8', '#ff9896', '#98df8a', '#ffbb78', '#c5b0d5', '#c49c94', '#f7b6d2', '#9edae5', '#dbdb8d', '#c7c7c7'
];

// A server that limits requests (--rate-limit) answers 429 with the seconds to wait, and one
// busy comparing other files with the library a 503 with them: the page says so, waits (up to a
// second more, at random, so that requests refused together do not all come back together)
// and sends again; after ten tries it gives the server's sentence.
const kSendAttempts = 10;
let waitingRequests = 0;  // the notice stays while any request waits

async function send(path, options = {}) {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(path, options);
    const busy = response.status === 429 || (response.status === 503 && response.headers.has('Retry-After'));
    if (!busy || attempt === kSendAttempts) return response;
    const seconds = Math.min(Math.max(Number(response.headers.get('Retry-After')) || 1, 1), 60);
    $('#busy').textContent = `the server is busy: trying again in ${seconds} s`;
    $('#busy').hidden = false;
    waitingRequests += 1;
    await new Promise((resolve) => setTimeout(resolve, (seconds + Math.random()) * 1000));
    waitingRequests -= 1;
    $('#busy').hidden = waitingRequests === 0;
  }
}

async function api(path, options = {}) {
  const response = await send(path, options);
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw Object.assign(new Error(body.error ?? String(body)), { status: response.status });
  return body;
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  return td;
}

// An answer with the probability it was given ("jazz 60%"), so that a guess reads as one.
function answerCell(track, node) {
  const td = cell(track[node]);
  td.className = 'answer';
  const probability = track.label_probabilities?.[node];
  if (track[node] && probability != null) {
    const share = document.createElement('span');
    share.className = 'probability';
    share.textContent = ` ${Math.round(100 * probability)}%`;
    td.title = `the ${node} models' answer, given probability ${probability.toFixed(2)}`;
    td.append(share);
  }
  return td;
}

function button(label, title, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  b.addEventListener('click', action);
  return b;
}

function play(track) {
  $('#player').src = `/api/tracks/${track.id}/audio`;
  $('#player').play().catch(() => {});
  $('#now-playing').textContent = track.name;
}

function addSeed(track) {
  if (!state.seeds.some((seed) => seed.id === track.id)) state.seeds.push({ id: track.id, name: track.name });
  renderSeeds();
}

function renderSeeds() {
  const seeds = $('#seeds');
  seeds.replaceChildren(...state.seeds.map((seed) => {
    const span = document.createElement('span');
    span.textContent = seed.name + ' ';
    span.append(button('×', 'remove this seed', () => {
      state.seeds = state.seeds.filter((s) => s.id !== seed.id);
      renderSeeds();
    }));
    return span;
  }));
}

// The rules typed so far: words with an operator (genre=rock, bpm>120); a word still being
// typed waits for its operator.
function filters(text) {
  return text.split(/\s+/).filter((part) => /[=<>]/.test(part));
}

async function loadTracks() {
  const query = new URLSearchParams({ offset: state.offset, limit: state.limit, q: $('#search').value });
  for (const rule of filters($('#filter').value)) query.append('where', rule);
  try {
    const page = await api(`/api/tracks?${query}`);
    state.total = page.total;
    $('#tracks tbody').replaceChildren(...page.tracks.map((track) => {
      const row = document.createElement('tr');
      row.dataset.id = track.id;
      const name = cell(track.name);
      name.className = 'name';
      name.title = track.path;
      row.append(cell(''), name, answerCell(track, 'genre'), answerCell(track, 'mood'),
        cell(track.bpm ? Math.round(track.bpm) : ''), cell(track.camelot),
        cell(track.energy != null ? track.energy.toFixed(2) : ''), cell(''));
      row.firstChild.append(button('▶', 'play', () => play(track)));
      row.lastChild.append(button('+ seed', 'use as a playlist seed', () => addSeed(track)),
        button('like this', 'the tracks most like this one, as the playlist', () => likeThis(track)));
      return row;
    }));
    const last = Math.min(state.offset + state.limit, state.total);
    $('#page').textContent = `${state.total ? state.offset + 1 : 0}–${last} of ${state.total}`;
  } catch (error) {
    $('#page').textContent = error.message;
  }
}

// The map: points in [-1, 1]², drawn through the current zoom and pan.
function toScreen(point, canvas) {
  const { scale, x, y } = state.view;
  const half = Math.min(canvas.width, canvas.height) / 2 * 0.92;
  return [canvas.width / 2 + (point.x * scale + x) * half, canvas.height / 2 - (point.y * scale + y) * half];
}

function colours() {
  const by = $('#map-colour').value;
  const names = [...new Set(state.points.map((p) => p[by] || 'unknown'))].sort();
  return { by, of: new Map(names.map((name, i) => [name, palette[i % palette.length]])) };
}

function drawMap() {
  const canvas = $('#map');
  const context = canvas.getContext('2d');
  context.clearRect(0, 0, canvas.width, canvas.height);
  const { by, of } = colours();
  const seeds = new Set(state.seeds.map((s) => s.id));
  const listed = new Set(state.playlist.map((t) => t.id));
  for (const point of state.points) {
    const [sx, sy] = toScreen(point, canvas);
    context.beginPath();
    const big = seeds.has(point.id) || listed.has(point.id);
    context.arc(sx, sy, big ? 5 : 2.5, 0, 2 * Math.PI);
    context.fillStyle = of.get(point[by] || 'unknown');
    context.fill();
    if (big) context.stroke();
  }
  // Each region's name just above its most central track, on a pale ground so points do not
  // hide it.
  context.font = '12px sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  for (const region of state.regions) {
    const [sx, below] = toScreen(region, canvas);
    const sy = below - 12;
    const width = context.measureText(region.name).width;
    context.fillStyle = 'rgba(255, 255, 255, 0.8)';
    context.fillRect(sx - width / 2 - 3, sy - 8, width + 6, 16);
    context.fillStyle = '#222';
    context.fillText(region.name, sx, sy);
  }
  $('#map-legend').replaceChildren(...[...of].map(([name, colour]) => {
    const span = document.createElement('span');
    const dot = document.createElement('i');
    dot.style.background = colour;
    span.append(dot, name);
    return span;
  }));
}

function nearestPoint(event) {
  const canvas = $('#map');
  const box = canvas.getBoundingClientRect();
  const mx = (event.clientX - box.left) * canvas.width / box.width;
  const my = (event.clientY - box.top) * canvas.height / box.height;
  let best = null;
  let bestDistance = 64;  // pixels², within 8 px
  for (const point of state.points) {
    const [sx, sy] = toScreen(point, canvas);
    const d = (sx - mx) ** 2 + (sy - my) ** 2;
    if (d < bestDistance) [best, bestDistance] = [point, d];
  }
  return best;
}

function setUpMap() {
  const canvas = $('#map');
  let drag = null;
  canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    const factor = event.deltaY < 0 ? 1.2 : 1 / 1.2;
    state.view.scale *= factor;
    state.view.x *= factor;
    state.view.y *= factor;
    drawMap();
  }, { passive: false });
  canvas.addEventListener('pointerdown', (event) => { drag = { x: event.clientX, y: event.clientY, moved: false }; });
  canvas.addEventListener('pointermove', (event) => {
    if (drag) {
      const half = canvas.getBoundingClientRect().width / 2 * 0.92;
      state.view.x += (event.clientX - drag.x) / half;
      state.view.y -= (event.clientY - drag.y) / half;
      drag.moved ||= Math.abs(event.clientX - drag.x) + Math.abs(event.clientY - drag.y) > 3;
      drag.x = event.clientX;
      drag.y = event.clientY;
      drawMap();
      return;
    }
    const point = nearestPoint(event);
    const tip = $('#map-tip');
    tip.hidden = !point;
    if (point) {
      tip.textContent = `${point.name} · ${point.genre} · ${point.mood}`;
      tip.style.left = `${event.offsetX + 12}px`;
      tip.style.top = `${event.offsetY + 40}px`;
    }
  });
  canvas.addEventListener('pointerup', (event) => {
    if (drag && !drag.moved) {
      const point = nearestPoint(event);
      if (point) addSeed(point);
      drawMap();
    }
    drag = null;
  });
  $('#map-colour').addEventListener('change', drawMap);
  $('#map-reset').addEventListener('click', () => { state.view = { scale: 1, x: 0, y: 0 }; drawMap(); });
}

// The builder's settings, which a playlist from the seeds and one from a file both follow.
function builderSettings() {
  return {
    strategy: $('#strategy').value,
    by: $('#alike').value,
    length: Number($('#length').value),
    where: filters($('#rules').value),
  };
}

function request() {
  const body = { seeds: state.seeds.map((s) => s.id), ...builderSettings() };
  if (body.strategy === 'path' && state.seeds.length >= 2) {
    body.to = body.seeds.pop();
  }
  return body;
}

async function build() {
  $('#playlist-error').hidden = true;
  try {
    const list = await api('/api/playlist', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request()) });
    state.playlist = list.tracks;
    renderPlaylist();
  } catch (error) {
    failed(error);
  }
}

function renderPlaylist() {
  let dragged = null;
  $('#playlist').replaceChildren(...state.playlist.map((track, index) => {
    const item = document.createElement('li');
    item.draggable = true;
    item.dataset.id = track.id;
    const title = document.createElement('span');
    title.textContent = ` ${track.name} `;
    const reasons = document.createElement('div');
    reasons.className = 'reasons';
    reasons.textContent = (track.reasons ?? []).join(' · ');
    item.append(button('▶', 'play', () => play(track)), title,
      button('×', 'remove from the playlist', () => { state.playlist.splice(index, 1); renderPlaylist(); }), reasons);
    item.addEventListener('dragstart', () => { dragged = index; item.classList.add('dragging'); });
    item.addEventListener('dragend', () => item.classList.remove('dragging'));
    item.addEventListener('dragover', (event) => event.preventDefault());
    item.addEventListener('drop', (event) => {
      event.preventDefault();
      if (dragged === null || dragged === index) return;
      const [moved] = state.playlist.splice(dragged, 1);
      state.playlist.splice(index, 0, moved);
      renderPlaylist();
    });
    return item;
  }));
  drawMap();
}

// "More like this" for a track of the library: it and the tracks nearest to it, alike as the
// builder is set (alike in, length, rules), shown as the playlist to play, reorder, export or save.
async function likeThis(track) {
  $('#playlist-error').hidden = true;
  const wanted = builderSettings();
  const query = new URLSearchParams({ similar: Math.min(Math.max(wanted.length - 1, 1), 100), by: wanted.by });
  for (const rule of wanted.where) query.append('where', rule);
  try {
    const { similar, warnings, ...asked } = await api(`/api/tracks/${track.id}?${query}`);
    state.playlist = [{ ...asked, reasons: ['the track asked about'] }, ...similar];
    renderPlaylist();
  } catch (error) {
    failed(error);
  }
}

// "What in my library sounds like this?" for an audio file of this computer: the server
// analyses it for this request alone and answers with a playlist of the library that starts
// from it, built as the builder is set (strategy, alike in, length, rules; a path runs to the
// last seed), without the file itself; the file is not added to the library.
async function playlistFromFile() {
  const file = $('#from-file').files[0];
  if (!file) return;
  $('#playlist-error').hidden = true;
  $('#from-file-status').textContent = `comparing ${file.name} with the library…`;
  const wanted = builderSettings();
  if (wanted.strategy === 'path' && state.seeds.length) wanted.to = state.seeds[state.seeds.length - 1].id;
  try {
    const query = new URLSearchParams({ name: file.name, playlist: JSON.stringify(wanted) });
    const answer = await api(`/api/similar?${query}`, { method: 'POST', body: file });
    state.playlist = answer.tracks;
    renderPlaylist();
    const labels = [answer.file.genre, answer.file.mood].filter(Boolean).join(', ');
    $('#from-file-status').textContent = `${answer.title}${labels ? ` (the file: ${labels})` : ''}; ` +
      'the file was not added to the library';
  } catch (error) {
    $('#from-file-status').textContent = '';
    failed(error);
  } finally {
    $('#from-file').value = '';
  }
}

// Exports the list as shown, after reordering and removals: the server writes the file from
// these track ids, in this order.
async function exportAs(format) {
  const ids = state.playlist.map((t) => t.id);
  const response = await send(`/api/playlist?format=${format}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tracks: ids }),
  });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `playlist.${format}`;
  link.click();
  URL.revokeObjectURL(link.href);
}

// Saved playlists live in the store; the list below the playlist shows them.
function failed(error) {
  $('#playlist-error').textContent = error.message;
  $('#playlist-error').hidden = false;
}

async function refreshSaved(selected) {
  try {
    const { playlists } = await api('/api/playlists');
    $('#saved').replaceChildren(...playlists.map((p) => {
      const option = document.createElement('option');
      option.value = p.id;
      option.textContent = `${p.name} (${p.tracks})`;
      option.selected = p.id === selected;
      return option;
    }));
  } catch (error) {
    failed(error);
  }
}

async function savedAction(action) {
  $('#playlist-error').hidden = true;
  const id = $('#saved').value;
  const json = { 'Content-Type': 'application/json' };
  try {
    if (action === 'save') {
      const saved = await api('/api/playlists', {
        method: 'POST', headers: json, body: JSON.stringify({ name: $('#playlist-name').value, tracks: state.playlist.map((t) => t.id) }),
      });
      await refreshSaved(saved.id);
    } else if (action === 'open' && id) {
      const saved = await api(`/api/playlists/${id}`);
      state.playlist = saved.tracks.map((t) => ({ ...t, reasons: [`saved in "${saved.name}"`] }));
      $('#playlist-name').value = saved.name;
      renderPlaylist();
    } else if (action === 'rename' && id) {
      await api(`/api/playlists/${id}`, { method: 'PUT', headers: json, body: JSON.stringify({ name: $('#playlist-name').value }) });
      await refreshSaved(Number(id));
    } else if (action === 'delete' && id) {
      await api(`/api/playlists/${id}`, { method: 'DELETE' });
      await refreshSaved();
    }
  } catch (error) {
    failed(error);
  }
}

// Analysis of new files: started here, followed until it ends, then the library is read again.
function describeAnalysis(job) {
  if (job.state === 'idle') return '';
  const failed = job.failed ? `, ${job.failed} failed` : '';
  const waiting = job.waiting ? `; ${job.waiting} more waiting` : '';
  const counts = `${job.done} of ${job.total} tracks${failed}${waiting}`;
  if (job.state === 'running') return `analysing ${job.path}: ${counts}`;
  if (job.state === 'failed') return `analysis failed: ${job.error}`;
  const named = (job.failures ?? []).slice(0, 3).map((f) => `${f.path.split('/').pop()}: ${f.error}`);
  const more = job.failed > named.length ? ' …' : '';
  return `analysed ${job.path}: ${counts}${named.length ? ` (${named.join('; ')}${more})` : ''}`;
}

async function followAnalysis() {
  const job = await api('/api/analysis');
  $('#analysis').textContent = describeAnalysis(job);
  if (job.state === 'running') {
    setTimeout(followAnalysis, 1000);
  } else if (job.state === 'done') {
    await showLibrary();
  }
}

async function analyse() {
  try {
    await api('/api/analysis', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: $('#analyse-path').value }),
    });
    await followAnalysis();
  } catch (error) {
    $('#analysis').textContent = error.message;
  }
}

// Audio files from the listener's computer: each sent as a request body and kept by the
// server (which checks what it is); files sent while its analysis runs wait for it and are
// analysed together. A file it refuses, or whose analysis fails, is named at the end with why.
// The analysis job's status once it has ended; with `since`, listing the failures of every job
// from that one on.
async function analysisEnded(since) {
  for (;;) {
    const job = await api(since ? `/api/analysis?since=${since}` : '/api/analysis');
    $('#analysis').textContent = describeAnalysis(job);
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

// A random id for a resumable upload (crypto.getRandomValues works on plain http too).
function uploadId() {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Sends `file` as one resumable upload: when the connection breaks (fetch's TypeError), asks
// the server how much it kept and sends the rest from there, up to kSendAttempts times. A 409
// (the server still reading the broken request, or holding more than it said a moment ago)
// is waited out the same way.
async function sendUpload(file) {
  const id = uploadId();
  const address = `/api/uploads?name=${encodeURIComponent(file.name)}&id=${id}&size=${file.size}`;
  for (let attempt = 1; ; attempt += 1) {
    try {
      let offset = 0;
      if (attempt > 1) {
        const held = await send(`/api/uploads/${id}`);
        const progress = held.ok ? await held.json() : { received: 0, sending: false };
        if (progress.sending) throw Object.assign(new Error(`still receiving ${file.name}`), { status: 409 });
        offset = progress.received;
      }
      return await api(`${address}&offset=${offset}`, { method: 'POST', body: file.slice(offset) });
    } catch (error) {
      const broken = error instanceof TypeError || error.status === 409;
      if (!broken || attempt === kSendAttempts) throw error;
      $('#analysis').textContent = `sending ${file.name} broke off: going on from where it stopped`;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

async function upload() {
  const files = [...$('#upload').files];
  const refused = [];
  const kept = [];
  try {
    for (const [index, file] of files.entries()) {
      $('#analysis').textContent = `uploading ${files.length > 1 ? `${index + 1} of ${files.length}: ` : ''}${file.name}…`;
      try {
        const job = await sendUpload(file);
        kept.push({ name: file.name, job });
      } catch (error) {
        refused.push(`${file.name}: ${error.message}`);
      }
    }
    // A job may end between two files, and the next file start another: ask for the failures
    // of every job since the first file's.
    const first = Math.min(...kept.map(({ job: sent }) => sent.job));
    const job = kept.length ? await analysisEnded(first) : { failures: [] };
    const failures = job.failures ?? [];
    for (const { name, job: sent } of kept) {
      const failure = failures.find((f) => f.path.endsWith(`/${sent.file}`));
      if (failure) refused.push(`${name}: ${failure.error}`);
    }
    await showLibrary();
    if (files.length > 1 || refused.length) {
      const analysed = `${files.length - refused.length} of ${files.length} uploads analysed`;
      $('#analysis').textContent = [analysed, ...refused].join('; ');
    }
  } catch (error) {
    $('#analysis').textContent = error.message;
  } finally {
    $('#upload').value = '';
  }
}

// What each model's training data allows, from the store's runs: limited uses stand out.
function showModelTerms(models) {
  const list = $('#model-terms');
  list.replaceChildren();
  for (const model of models) {
    const item = document.createElement('li');
    const use = document.createElement('span');
    use.className = `use ${model.use.replace(' ', '-')}`;
    use.textContent = model.use === 'not recorded' ? 'terms not recorded' : model.use;
    const details = [model.licence, model.source].filter(Boolean).join('; ');
    item.append(`${model.node} (${model.model}): `, use, details ? ` ${details}` : '');
    list.append(item);
  }
  $('#models').hidden = models.length === 0;
}

async function showLibrary() {
  const health = await api('/api/health');
  $('#library-size').textContent = `${health.tracks} tracks`;
  showModelTerms(health.models);
  const mood = $('#alike option[value="mood"]');
  mood.disabled = !health.alike_in.includes('mood');
  mood.title = mood.disabled ? 'this library has no mood similarity (see timbre serve --mood-metric)' : '';
  const map = await api('/api/map');
  state.points = map.points;
  state.regions = map.regions;
  drawMap();
  await loadTracks();
}

async function start() {
  setUpMap();
  await showLibrary();
  let typing;
  for (const input of ['#search', '#filter']) {
    $(input).addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => { state.offset = 0; loadTracks(); }, 250);
    });
  }
  $('#previous').addEventListener('click', () => { state.offset = Math.max(0, state.offset - state.limit); loadTracks(); });
  $('#next').addEventListener('click', () => {
    if (state.offset + state.limit < state.total) { state.offset += state.limit; loadTracks(); }
  });
  $('#build').addEventListener('click', build);
  for (const format of ['m3u8', 'xspf', 'json']) $(`#export-${format}`).addEventListener('click', () => exportAs(format));
  for (const action of ['save', 'open', 'rename', 'delete']) $(`#${action}`).addEventListener('click', () => savedAction(action));
  $('#analyse').addEventListener('click', analyse);
  $('#upload').addEventListener('change', upload);
  $('#from-file').addEventListener('change', playlistFromFile);
  await refreshSaved();
  await followAnalysis();
}

start();
