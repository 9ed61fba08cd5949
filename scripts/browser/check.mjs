#!/usr/bin/env node
// Runs convkit's notebooks in Jupyter's web UI in headless Chromium and checks what a reader sees.
//
// usage: node scripts/browser/check.mjs [--port 8920] [--out target/browser] [--width 1280] [--height 900]
//                                      [--timeout SECONDS] [--kernel NAME] [--start-retries 2] [NOTEBOOK.ipynb | NN ...]
//
// For each notebook (default: every notebook of the three editions, notebooks/*.ipynb, notebooks/ja/*.ipynb and
// notebooks/zh/*.ipynb; NN means notebook NN in each edition, ja/NN the Japanese one) it copies the notebook into a temporary folder (the web
// UI saves what it runs; the committed notebooks are never touched), opens it in Jupyter Notebook served on
// 127.0.0.1 (kernel: the one the notebook names, found through the environment: JUPYTER_PATH,
// JUPYTER_DATA_DIR), clears the outputs and runs every cell with the menu Cell > Run All, as a person would.
// Then it checks, cell by cell:
//   - no error output, except in cells tagged "raises-exception"; no output on stderr;
//   - every image loaded, and shown at >= 92 % of its own size (convkit.viz draws no text smaller than 12 px,
//     so text stays >= 11 px on screen);
//   - no output wider than the notebook column: text is measured unwrapped (Jupyter would otherwise wrap it
//     mid-word), HTML tables and images by their box.
// --kernel NAME runs them on another kernelspec than the one they name (e.g. rapaio-jupyter-kernel); a kernel
// that is not idle 60 s after its start is restarted, up to --start-retries times.
// Screenshots: OUT/NN-name.png (the whole notebook; OUT/ja/NN-name.png for a translation) and
// OUT/NN-name/cell-IDX.png (every table, every picture of notebook 06 and every picture of a translation); OUT/report.json lists every check. Ends with "browser check: N passed, N failed"
// (one per notebook); exit status 1 when any check failed.
//
// Needs: Debian's Jupyter (/usr/bin/python3 -m notebook), Debian's chromium (/usr/bin/chromium, or CHROMIUM=path)
// and playwright-core from npm (cd scripts/browser && npm install). Never downloads a browser.
// CONVKIT_SUBSET=1 (set by default here unless the environment says otherwise) makes the LeNet notebook train on
// a subset, as in mvn verify.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

const MIN_IMAGE_SCALE = 0.92;   // 12 px (convkit.viz's smallest font) * 0.92 = 11 px on screen
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function parseArgs(argv) {
  const o = { port: 8920, out: path.join(ROOT, 'target', 'browser'), width: 1280, height: 900, timeout: 1800,
    kernel: null, startRetries: 2, notebooks: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--port') o.port = Number(next());
    else if (a === '--out') o.out = path.resolve(next());
    else if (a === '--width') o.width = Number(next());
    else if (a === '--height') o.height = Number(next());
    else if (a === '--timeout') o.timeout = Number(next());
    else if (a === '--kernel') o.kernel = next();
    else if (a === '--start-retries') o.startRetries = Number(next());
    else if (a === '-h' || a === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split("\n").slice(1, 26)
        .map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else o.notebooks.push(a);
  }
  return o;
}

// The three editions: notebooks/*.ipynb (English), notebooks/ja/ and notebooks/zh/ (the translations).
const EDITIONS = ['', 'ja', 'zh'];

// "01-x.ipynb" for an English notebook, "ja/01-x.ipynb" for a translation: its path under the served folder (the
// kernel starts in the notebook's folder, which is how convkit knows a translation's language)
function servedName(nb) {
  const folder = path.basename(path.dirname(nb));
  return (EDITIONS.includes(folder) && folder ? `${folder}/` : '') + path.basename(nb);
}

function findNotebooks(names) {
  const base = path.join(ROOT, 'notebooks');
  const all = [];
  for (const e of EDITIONS) {
    const dir = path.join(base, e);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort()) all.push(path.join(dir, f));
  }
  if (names.length === 0) return all;
  return [...new Set(names.flatMap((n) => {
    if (fs.existsSync(n) && n.endsWith('.ipynb')) return [path.resolve(n)];
    // "01": notebook 01 in every edition; "ja/01": the Japanese one
    const hits = all.filter((p) => {
      const s = servedName(p);
      const rel = n.includes('/') ? s : path.basename(p);
      return rel === n || rel === `${n}.ipynb` || rel.startsWith(n);
    });
    if (hits.length === 0) throw new Error(`no notebook matches '${n}' in notebooks/`);
    return hits;
  }))];
}

function loadPlaywright() {
  try {
    return require('playwright-core');
  } catch (e) {
    throw new Error('playwright-core is not installed: run  (cd scripts/browser && npm install)  '
      + '(it uses Debian\'s chromium; it never downloads a browser)');
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startJupyter(dir, port, token) {
  const python = process.env.CONVKIT_PYTHON || '/usr/bin/python3';
  const args = ['-m', 'notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
    `--NotebookApp.token=${token}`, `--notebook-dir=${dir}`, '--NotebookApp.disable_check_xsrf=False'];
  if (process.getuid && process.getuid() === 0) args.push('--allow-root');
  const env = { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: '1' };
  if (!env.JUPYTER_RUNTIME_DIR) env.JUPYTER_RUNTIME_DIR = path.join(dir, '.runtime');
  const log = fs.openSync(path.join(dir, '..', 'jupyter.log'), 'w');
  const proc = spawn(python, args, { env, stdio: ['ignore', log, log], detached: true });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) break;
    try {
      const r = await fetch(`${url}/api/status?token=${token}`);
      if (r.ok) return { proc, url };
    } catch (e) { /* not up yet */ }
    await sleep(300);
  }
  const text = fs.readFileSync(path.join(dir, '..', 'jupyter.log'), 'utf8');
  try { process.kill(-proc.pid, 'SIGTERM'); } catch (e) { /* gone */ }
  throw new Error(`Jupyter did not start on ${url} (port taken? use --port):\n${text.slice(-2000)}`);
}

async function stopJupyter(proc) {
  if (proc.exitCode !== null) return;
  try { process.kill(-proc.pid, 'SIGTERM'); } catch (e) { return; }
  for (let i = 0; i < 50 && proc.exitCode === null; i++) await sleep(100);
  if (proc.exitCode === null) {
    try { process.kill(-proc.pid, 'SIGKILL'); } catch (e) { /* gone */ }
  }
}

// Runs in the page: every code cell's outputs measured against the notebook column.
function measure(minScale) {
  const cells = Jupyter.notebook.get_cells();
  const result = [];
  cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    const tags = (cell.metadata && cell.metadata.tags) || [];
    const entry = { index, prompt: cell.input_prompt_number, source: cell.get_text().split('\n')[0].slice(0, 80),
      raisesException: tags.includes('raises-exception'), problems: [], images: [], tables: [], texts: [] };
    const area = cell.output_area.element[0];
    area.querySelectorAll('.output_subarea').forEach((sub, k) => {
      const column = sub.clientWidth;
      const cls = sub.className;
      if (cls.includes('output_error')) entry.problems.push(`error output: ${sub.innerText.split('\n')[0].slice(0, 200)}`);
      if (cls.includes('output_stderr')) entry.problems.push(`stderr output: ${sub.innerText.split('\n')[0].slice(0, 200)}`);
      sub.querySelectorAll('img').forEach((img) => {
        const shown = img.getBoundingClientRect().width;
        const info = { natural: [img.naturalWidth, img.naturalHeight], shown: Math.round(shown), column };
        entry.images.push(info);
        if (!img.complete || img.naturalWidth === 0) entry.problems.push('an image did not load');
        else if (shown < minScale * img.naturalWidth - 0.5) {
          entry.problems.push(`image ${img.naturalWidth}x${img.naturalHeight} is shown ${Math.round(shown)} px wide `
            + `(${Math.round(100 * shown / img.naturalWidth)} %): its text would be smaller than 11 px`);
        }
        if (shown > column + 1) entry.problems.push(`image ${Math.round(shown)} px wider than the column (${column} px)`);
      });
      sub.querySelectorAll('table').forEach((t) => {
        const w = t.getBoundingClientRect().width;
        entry.tables.push({ width: Math.round(w), scrollWidth: t.scrollWidth, column, rows: t.rows.length });
        if (w > column + 1 || t.scrollWidth > column + 1) {
          entry.problems.push(`table ${Math.round(Math.max(w, t.scrollWidth))} px wide in a ${column} px column`);
        }
      });
      sub.querySelectorAll('pre').forEach((pre) => {
        // the width the text needs unwrapped: Jupyter's CSS (word-break: break-all) would wrap it mid-word
        const probe = pre.cloneNode(true);
        probe.style.whiteSpace = 'pre';
        probe.style.wordBreak = 'normal';
        probe.style.overflowWrap = 'normal';
        probe.style.display = 'inline-block';
        probe.style.width = 'auto';
        probe.style.maxWidth = 'none';
        probe.style.position = 'absolute';
        probe.style.visibility = 'hidden';
        pre.parentNode.appendChild(probe);
        const need = probe.getBoundingClientRect().width;
        probe.remove();
        const lines = pre.innerText.split('\n').map((l) => l.replace(/\s+$/, ''));
        const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
        entry.texts.push({ need: Math.round(need), column, lines: lines.length, longest: longest.length,
          tableLike: lines.filter((l) => l.includes('|')).length >= 2 });
        if (need > column + 1) {
          entry.problems.push(`text ${Math.round(need)} px wide in a ${column} px column (wraps mid-word; `
            + `longest line ${longest.length} characters: "${longest.trim().slice(0, 70)}")`);
        }
      });
      if (sub.scrollWidth > column + 1 && !entry.problems.some((p) => p.includes('wide'))) {
        entry.problems.push(`output ${sub.scrollWidth} px wide in a ${column} px column`);
      }
    });
    if (entry.prompt === null || entry.prompt === undefined || entry.prompt === '*') {
      entry.problems.push(`cell did not run (prompt ${JSON.stringify(entry.prompt)})`);
    }
    if (entry.raisesException) {
      const errors = entry.problems.filter((p) => p.startsWith('error output') || p.startsWith('stderr output'));
      entry.expectedError = errors.length > 0;
      entry.problems = entry.problems.filter((p) => !errors.includes(p));
      if (!entry.expectedError) entry.problems.push('cell tagged raises-exception showed no error');
    }
    result.push(entry);
  });
  return result;
}

async function clickMenu(page, menu, ...items) {
  await page.click(`#${menu}`);
  for (let i = 0; i < items.length - 1; i++) await page.hover(`#${items[i]}`);
  await page.click(`#${items[items.length - 1]}`);
}

async function runNotebook(page, url, token, name, o) {
  await page.goto(`${url}/notebooks/${name.split('/').map(encodeURIComponent).join('/')}?token=${token}`, { waitUntil: 'load' });
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded
    && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected(), null, { timeout: 120000 })
    .catch(async (e) => {
      const dialog = await page.locator('.modal-dialog').innerText().catch(() => '');
      throw new Error(`the notebook did not connect to its kernel within 120 s${dialog ? `: ${dialog}` : ''}`);
    });
  // a kernel that does not answer its first requests (rapaio 3.0.1 hangs at about 1 start in 5) is restarted
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout: 60000 });
      break;
    } catch (e) {
      if (attempt >= o.startRetries) throw new Error(`the kernel was not idle within 60 s after ${attempt + 1} start(s)`);
      console.log(`      (${name}: the kernel did not become idle within 60 s; restarting it)`);
      await page.evaluate(() => Jupyter.notebook.kernel.restart());
    }
  }
  await clickMenu(page, 'celllink', 'all_outputs', 'clear_all_output');
  const started = Date.now();
  await clickMenu(page, 'celllink', 'run_all_cells');
  // finished: the last code cell has a number (or an error stopped the run) and the kernel is idle again
  await page.waitForFunction(() => {
    const code = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
    const running = code.some((c) => c.input_prompt_number === '*');
    return !running && !Jupyter.notebook.kernel_busy
      && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null
      && code.some((c) => c.input_prompt_number !== null && c.input_prompt_number !== undefined);
  }, null, { timeout: o.timeout * 1000, polling: 500 });
  await sleep(500);   // late iopub messages and image decoding
  await page.evaluate(() => Promise.all([...document.images].map((img) => (img.complete ? null
    : new Promise((r) => { img.onload = r; img.onerror = r; })))));
  return (Date.now() - started) / 1000;
}

async function screenshots(page, name, cells, outDir) {
  const stem = name.replace(/\.ipynb$/, '');   // "01-x" or "ja/01-x"
  const dir = path.join(outDir, stem);
  fs.mkdirSync(dir, { recursive: true });
  // the classic notebook scrolls inside #site: let it grow so that a full-page screenshot holds every cell
  await page.evaluate(() => {
    // long outputs sit in a scroll box (the reader can click it open): open them all for the screenshots
    Jupyter.notebook.get_cells().forEach((c) => { if (c.output_area) c.output_area.unscroll_area(); });
    const site = document.getElementById('site');
    if (site) { site.style.height = 'auto'; site.style.overflow = 'visible'; }
    document.body.style.height = 'auto';
    document.body.style.overflow = 'visible';
  });
  await page.screenshot({ path: path.join(outDir, `${stem}.png`), fullPage: true });
  const shots = [];
  const handles = await page.$$('#notebook-container > .cell');
  for (const c of cells) {
    const el = handles[c.index];
    if (!el) continue;
    const table = c.tables.length > 0 || c.texts.some((t) => t.tableLike);
    const picture = (path.basename(stem).startsWith('06') || stem.includes('/')) && c.images.length > 0;
    if (table || picture || c.problems.length > 0) {
      const out = await el.$('.output_wrapper');
      if (!out) continue;
      const file = path.join(dir, `cell-${String(c.index).padStart(2, '0')}.png`);
      try {
        await out.screenshot({ path: file, timeout: 20000 });
        shots.push(path.relative(outDir, file));
      } catch (e) {
        console.log(`      (no screenshot of cell ${c.index}: ${String(e.message || e).split('\n')[0]})`);
      }
    }
  }
  return shots;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const notebooks = findNotebooks(o.notebooks);
  const { chromium } = loadPlaywright();
  if (!process.env.CONVKIT_SUBSET) process.env.CONVKIT_SUBSET = '1';
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'convkit-browser-'));
  const served = path.join(work, 'notebooks');
  fs.mkdirSync(served);
  for (const nb of notebooks) {
    const copy = path.join(served, servedName(nb));
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(nb, copy);
    if (o.kernel) {
      const json = JSON.parse(fs.readFileSync(copy, 'utf8'));
      json.metadata.kernelspec = { ...(json.metadata.kernelspec || {}), name: o.kernel, display_name: o.kernel };
      fs.writeFileSync(copy, JSON.stringify(json, null, 1));
    }
  }
  fs.mkdirSync(o.out, { recursive: true });
  const token = randomBytes(16).toString('hex');
  const { proc, url } = await startJupyter(served, o.port, token);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, args: CHROMIUM_FLAGS });
  const report = { width: o.width, height: o.height, notebooks: [] };
  let passed = 0;
  let failed = 0;
  try {
    const context = await browser.newContext({ viewport: { width: o.width, height: o.height }, deviceScaleFactor: 1 });
    for (const nb of notebooks) {
      const name = servedName(nb);
      const page = await context.newPage();
      const pageErrors = [];
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      const entry = { name, problems: [] };
      try {
        entry.seconds = await runNotebook(page, url, token, name, o);
        entry.cells = await page.evaluate(measure, MIN_IMAGE_SCALE);
        // what the reader reads first: the notebook's title, as rendered (a translation's is in its language)
        entry.heading = await page.evaluate(() => {
          const h = document.querySelector('#notebook-container .text_cell_render h1');
          return h ? h.textContent.replace(/\u00b6/g, '').trim() : '';
        });
        entry.column = Math.max(0, ...entry.cells.flatMap((c) => c.texts.map((t) => t.column)));
        entry.screenshots = await screenshots(page, name, entry.cells, o.out);
        for (const c of entry.cells) for (const p of c.problems) entry.problems.push(`cell ${c.index} (${c.source}): ${p}`);
        for (const e of pageErrors) entry.problems.push(`page error: ${e}`);
        await page.evaluate(() => Jupyter.notebook.kernel.kill()).catch(() => null);
      } catch (e) {
        entry.problems.push(String(e.message || e));
        fs.mkdirSync(path.dirname(path.join(o.out, name)), { recursive: true });
        await page.screenshot({ path: path.join(o.out, `${name.replace(/\.ipynb$/, '')}-failed.png`), fullPage: true })
          .catch(() => null);
      }
      await page.close();
      report.notebooks.push(entry);
      const stats = entry.cells ? `${entry.cells.length} code cells, ${entry.cells.reduce((n, c) => n + c.images.length, 0)} images, `
        + `${entry.cells.reduce((n, c) => n + c.tables.length, 0)} HTML tables, ${entry.seconds.toFixed(1)} s` : '';
      if (entry.problems.length === 0) {
        passed++;
        console.log(`ok    ${name}  (${stats})`);
      } else {
        failed++;
        console.log(`FAIL  ${name}  (${stats})`);
        for (const p of entry.problems) console.log(`      ${p}`);
      }
    }
  } finally {
    await browser.close().catch(() => null);
    await stopJupyter(proc);
    fs.writeFileSync(path.join(o.out, 'report.json'), JSON.stringify(report, null, 1));
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`screenshots and report.json in ${o.out}`);
  console.log(`browser check: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`browser check: ${e.message || e}`);
  process.exit(2);
});
