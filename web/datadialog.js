// The data dialog: paste CSV/TSV text, or pick or drop a file (a table, or a session file),
// read by the core (`read_table` for the preview, `load_file` to use it); it shows the
// columns picked, the rows and the problem named by row and column. Nothing is sent
// anywhere: the bytes go from the browser to the wasm module and stay in the page. It also
// saves the session file (settings and data as JSON, which `descent run --session` opens).

import { register, t, onLangChange } from './i18n.js';
import { detailText } from './strings.js';
import { saveSession } from './draw.js';

const $ = (id) => document.getElementById(id);

/** Tables larger than this are read in a worker (tableworker.js), off the main thread. */
const WORKER_BYTES = 200_000;

/** The worker that reads large tables, started on first use. */
let worker = null;
let asked = 0;

/**
 * Reads a file in the worker: a table for `model` (`read_table`'s result `{ok, points,
 * arity, ...}`), or with `model` null a session file (`read_session`'s `{ok, settings,
 * points, arity, ...}`).
 */
function readInWorker(bytes, model) {
  const boot = document.getElementById('descent-boot');
  const here = (name) => new URL(name, document.baseURI).href;
  if (!worker) worker = new Worker(here('tableworker.js'), { type: 'module' });
  asked += 1;
  const id = asked;
  return new Promise((resolve, reject) => {
    const listen = (e) => {
      if (!e.data || e.data.id !== id) return;
      worker.removeEventListener('message', listen);
      if (e.data.error) reject(new Error(e.data.error)); else resolve(e.data.result);
    };
    worker.addEventListener('message', listen);
    worker.postMessage({ id, glue: here(boot.dataset.js), wasm: here(boot.dataset.wasm), bytes, model, session: model === null });
  });
}

register({
  en: {
    'data.title': 'Your own data',
    'data.intro': 'Paste a table (CSV or TSV, with or without a header) or open a file. The data stays in this page: nothing is uploaded anywhere.',
    'data.paste': 'Paste CSV or TSV',
    'data.paste.placeholder': 'x,y\n1,3\n2,5\n3,7',
    'data.use': 'Use this data',
    'data.file': 'Or open a file (CSV, TSV, or a session .json)',
    'data.drop': 'You can also drop a file here.',
    'data.close': 'Close',
    'data.save': 'Save session file',
    'data.save.tip': 'Download the settings and the data as one JSON file, which this page (Paste or upload…) and descent run --session open',
    'data.columns': 'Columns used: {list}.',
    'data.column': '{role} = column {n}',
    'data.column.named': '{role} = column {n} ({name})',
    'data.rows': '{n} rows read ({delimiter}, {header}).',
    'data.header.yes': 'with a header',
    'data.header.no': 'no header',
    'data.delim.comma': 'comma-separated',
    'data.delim.tab': 'tab-separated',
    'data.delim.semicolon': 'semicolon-separated',
    'data.delim.space': 'space-separated',
    'data.loaded': 'Loaded: {n} points.',
    'data.session.loaded': 'Session opened.',
    'data.error': 'Not used: {text}. Nothing was changed.',
    'data.empty': 'Paste some rows first.',
    'data.pasted': '({n} lines pasted, {mb} MB: read at once, not shown here)',
    'data.choose': 'Choose the columns',
    'data.choose.role': '{role} from',
    'data.choose.column': 'column {n}',
    'data.choose.named': 'column {n} ({name})',
  },
  zh: {
    'data.title': '你自己的数据',
    'data.intro': '粘贴一个表格（CSV 或 TSV，有无表头均可），或打开一个文件。数据只留在本页面中，不会上传到任何地方。',
    'data.paste': '粘贴 CSV 或 TSV',
    'data.paste.placeholder': 'x,y\n1,3\n2,5\n3,7',
    'data.use': '使用这些数据',
    'data.file': '或打开一个文件（CSV、TSV 或会话 .json 文件）',
    'data.drop': '也可以把文件拖放到这里。',
    'data.close': '关闭',
    'data.save': '保存会话文件',
    'data.save.tip': '把设置和数据下载为一个 JSON 文件，本页面（“粘贴或上传…”）和 descent run --session 都能打开它',
    'data.columns': '使用的列：{list}。',
    'data.column': '{role} = 第 {n} 列',
    'data.column.named': '{role} = 第 {n} 列（{name}）',
    'data.rows': '读取了 {n} 行（{delimiter}，{header}）。',
    'data.header.yes': '有表头',
    'data.header.no': '无表头',
    'data.delim.comma': '逗号分隔',
    'data.delim.tab': '制表符分隔',
    'data.delim.semicolon': '分号分隔',
    'data.delim.space': '空格分隔',
    'data.loaded': '已载入 {n} 个点。',
    'data.session.loaded': '已打开会话。',
    'data.error': '未使用：{text}。没有做任何更改。',
    'data.empty': '请先粘贴一些行。',
    'data.pasted': '（已粘贴 {n} 行，{mb} MB：已直接读取，不在此显示）',
    'data.choose': '选择使用的列',
    'data.choose.role': '{role} 取自',
    'data.choose.column': '第 {n} 列',
    'data.choose.named': '第 {n} 列（{name}）',
  },
});

/** The columns a table was read from, in words: "x = column 2 (height), y = column 3". */
export function columnsText(columns) {
  if (!columns || !Array.isArray(columns.roles)) return '';
  const list = columns.roles.map((role, r) => {
    const c = columns.picked[r];
    const name = columns.names && columns.names[c];
    return name ? t('data.column.named', { role, n: c + 1, name }) : t('data.column', { role, n: c + 1 });
  });
  return t('data.columns', { list: list.join(', ') });
}

export class DataDialog {
  constructor(app, drawer) {
    this.app = app;
    this.drawer = drawer;
    this.build();
    onLangChange(() => this.words());
    this.words();
  }

  build() {
    const d = document.createElement('dialog');
    d.id = 'data-dialog';
    d.className = 'data-dialog';
    d.setAttribute('aria-labelledby', 'data-title');
    const el = (tag, props = {}) => Object.assign(document.createElement(tag), props);
    this.title = el('h2', { id: 'data-title' });
    this.intro = el('p', { className: 'data-intro' });
    this.pasteLabel = el('label', { htmlFor: 'data-paste' });
    this.text = el('textarea', { id: 'data-paste', rows: 7, spellcheck: false });
    this.text.setAttribute('autocomplete', 'off');
    this.use = el('button', { type: 'button', id: 'data-use' });
    this.fileLabel = el('label', { htmlFor: 'data-file' });
    this.file = el('input', { type: 'file', id: 'data-file', accept: '.csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,application/json' });
    this.drop = el('p', { className: 'data-drop' });
    this.result = el('div', { id: 'data-result', className: 'data-result' });
    this.choice = el('fieldset', { id: 'data-columns', className: 'data-columns', hidden: true });
    this.result.setAttribute('role', 'status');
    this.result.setAttribute('aria-live', 'polite');
    this.save = el('button', { type: 'button', id: 'data-save' });
    this.close = el('button', { type: 'button', id: 'data-close' });
    const actions = el('div', { className: 'data-actions' });
    actions.append(this.use, this.save, this.close);
    d.append(this.title, this.intro, this.pasteLabel, this.text, this.fileLabel, this.file, this.drop, this.result, this.choice, actions);
    document.body.append(d);
    this.dialog = d;

    this.use.addEventListener('click', () => this.usePasted());
    this.close.addEventListener('click', () => d.close());
    this.save.addEventListener('click', () => this.app.safe(() => saveSession(this.app)));
    this.file.addEventListener('change', () => {
      const f = this.file.files && this.file.files[0];
      if (f) this.openFile(f);
    });
    d.addEventListener('dragover', (e) => { e.preventDefault(); d.classList.add('dragging'); });
    d.addEventListener('dragleave', () => d.classList.remove('dragging'));
    d.addEventListener('drop', (e) => {
      e.preventDefault();
      d.classList.remove('dragging');
      const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (f) this.openFile(f);
    });
    // A large paste is read at once and not put in the text area, whose layout alone would
    // hold the page for a long while (100,000 lines are megabytes of text).
    this.text.addEventListener('paste', (e) => {
      const text = e.clipboardData && e.clipboardData.getData('text/plain');
      if (!text || text.length < WORKER_BYTES) return;
      e.preventDefault();
      this.text.value = '';
      this.text.placeholder = t('data.pasted', { n: (text.match(/\n/g) || []).length + 1, mb: (text.length / 1e6).toFixed(1) });
      this.source = text;
      this.load(new TextEncoder().encode(text));
    });
    // Ctrl/Cmd+Enter in the text area uses it.
    this.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); this.usePasted(); }
    });
  }

  words() {
    this.title.textContent = t('data.title');
    this.intro.textContent = t('data.intro');
    this.pasteLabel.textContent = t('data.paste');
    this.text.placeholder = t('data.paste.placeholder');
    this.use.textContent = t('data.use');
    this.fileLabel.textContent = t('data.file');
    this.drop.textContent = t('data.drop');
    this.save.textContent = t('data.save');
    this.save.title = t('data.save.tip');
    this.close.textContent = t('data.close');
    if (this.last) this.show(this.last);
  }

  open() {
    if (!this.dialog.open) this.dialog.showModal();
    this.text.focus();
  }

  usePasted() {
    const text = this.text.value;
    if (!text.trim()) {
      this.show({ message: t('data.empty'), bad: true });
      return;
    }
    this.source = text;
    this.load(new TextEncoder().encode(text));
  }

  async openFile(file) {
    const tooLarge = this.app.safe(() => this.app.wasm.file_size_problem(file.size), null);
    if (tooLarge) {
      this.show({ error: tooLarge });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    this.source = null;
    await this.load(bytes);
    // A table's text, kept for choosing other columns (a binary file was refused above).
    if (this.last && this.last.loaded && this.last.loaded.kind === 'table') this.source = new TextDecoder().decode(bytes);
  }

  /** Reads and uses the bytes (a table or a session); shows what was read or what is wrong. */
  async load(bytes, rewritten = null) {
    const large = bytes.length > WORKER_BYTES && document.getElementById('descent-boot');
    if (large && this.app.safe(() => this.app.wasm.is_session(bytes), false)) {
      await this.openSessionInWorker(bytes);
      return;
    }
    if (large) {
      await this.loadInWorker(bytes, rewritten);
      return;
    }
    this.loaded(this.app.safe(() => this.app.pg.load_file(bytes), null), rewritten);
  }

  /**
   * Reads bytes in the worker (`readInWorker`: a table for `model`, a session for null) with
   * the Use button off meanwhile; null when the worker failed (the error is shown).
   */
  async readOffThread(bytes, model) {
    this.use.disabled = true;
    try {
      return await readInWorker(bytes, model);
    } catch (err) {
      this.app.safe(() => { throw err; });
      return null;
    } finally {
      this.use.disabled = false;
    }
  }

  /**
   * A large session file: its parts read in a worker (`read_session`), then opened by the
   * playground (`open_session`), to the same settings as `load_file` of the file.
   */
  async openSessionInWorker(bytes) {
    const parts = await this.readOffThread(bytes, null);
    if (!parts) return;
    const r = this.app.safe(() => (parts.ok
      ? this.app.pg.open_session(parts.settings, parts.points, parts.arity)
      : { ok: false, error: parts.error, error_text: parts.error_text }), null);
    this.loaded(r, null);
  }

  /**
   * A large table: read by the core's parser in a worker, then given to the playground as
   * points (`set_points`), as `load_file` would (a landscape that is not a data model
   * becomes linreg).
   */
  async loadInWorker(bytes, rewritten) {
    const pg = this.app.pg;
    const info = this.app.info;
    const model = info && info.is_model ? info.name : 'linreg';
    const t = await this.readOffThread(bytes, model);
    if (!t) return;
    const r = this.app.safe(() => {
      if (!t.ok) return { ok: false, error: t.error, error_text: t.error_text };
      if (!(info && info.is_model)) pg.set_value('f', 'linreg');
      const problems = Array.from(pg.set_points(t.points, t.arity) || []);
      return { ok: true, kind: 'table', columns: t.columns, problems };
    }, null);
    this.loaded(r, rewritten);
  }

  /** Shows what reading a file did (`load_file`'s result). */
  loaded(r, rewritten) {
    if (!r) return;
    if (!r.ok) {
      const error = { ...r.error };
      if (rewritten) {
        // The header the page wrote (a column choice) is not the user's: a line it added
        // is not one of their rows, and a column is named by their own header.
        if (rewritten.added && typeof error.row === 'number') error.row -= 1;
        const n = typeof error.column === 'string' ? parseInt(error.column, 10) : NaN;
        if (Number.isFinite(n)) error.column = rewritten.names[n - 1] ? `${n} (${rewritten.names[n - 1]})` : String(n);
      }
      this.show({ error, text: r.error_text });
      return;
    }
    this.drawer.forget();
    if (r.kind === 'session') {
      this.app.showProblems(r.problems, true);
      this.app.afterChange(true);
    } else {
      this.app.showProblems(r.problems, true);
      this.app.afterChange();
    }
    this.show({ loaded: r });
    this.offerColumns(r.kind === 'table' ? r.columns : null);
  }

  /**
   * With more columns than the model reads, a menu per role offers every column. A choice is
   * read by the core's own parser: the page rewrites only the header line (the chosen
   * columns named by their roles, the others col1, col2, …; a header line added first to a
   * table without one), and the core picks columns by those names.
   */
  offerColumns(columns) {
    this.choice.replaceChildren();
    this.columns = columns;
    const width = columns && columns.names ? columns.names.length : 0;
    this.choice.hidden = !columns || this.source == null || width <= columns.roles.length;
    if (this.choice.hidden) return;
    const legend = document.createElement('legend');
    legend.textContent = t('data.choose');
    this.choice.append(legend);
    this.selects = columns.roles.map((role, r) => {
      const label = document.createElement('label');
      const select = document.createElement('select');
      select.id = `data-column-${role}`;
      for (let c = 0; c < width; c += 1) {
        const o = document.createElement('option');
        o.value = String(c);
        const name = columns.names[c];
        o.textContent = name ? t('data.choose.named', { n: c + 1, name }) : t('data.choose.column', { n: c + 1 });
        select.append(o);
      }
      select.value = String(columns.picked[r]);
      label.htmlFor = select.id;
      label.textContent = t('data.choose.role', { role });
      select.addEventListener('change', () => this.chooseColumns());
      this.choice.append(label, select);
      return select;
    });
  }

  async chooseColumns() {
    const c = this.columns;
    const picked = this.selects.map((s) => Number(s.value));
    if (new Set(picked).size !== picked.length || this.source == null) return;
    const sep = { comma: ',', tab: '\t', semicolon: ';', space: ' ' }[c.delimiter] || ',';
    const names = c.names.map((_, j) => {
      const r = picked.indexOf(j);
      return r >= 0 ? c.roles[r] : `col${j + 1}`;
    });
    const lines = this.source.split('\n');
    const first = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    if (first < 0) return;
    const header = names.join(sep);
    if (c.header) lines[first] = header; else lines.splice(first, 0, header);
    const source = this.source;
    await this.load(new TextEncoder().encode(lines.join('\n')), { added: !c.header, names: c.header ? c.names : [] });
    // The user's text stays what they gave (the next choice rewrites it again).
    this.source = source;
    if (this.last && this.last.loaded) {
      // Worded with the user's own header (or none), not the one the page wrote.
      const cols = { ...this.last.loaded.columns, names: c.names, header: c.header };
      this.last.loaded.columns = cols;
      this.show(this.last);
      this.offerColumns(cols);
    }
  }

  /** The dialog's result line: the columns and rows read, or the problem. */
  show(what) {
    this.last = what;
    this.result.replaceChildren();
    this.result.classList.toggle('bad', !!(what.error || what.bad));
    const line = (text) => {
      const p = document.createElement('p');
      p.textContent = text;
      this.result.append(p);
    };
    if (what.message) line(what.message);
    if (what.error) {
      const text = detailText(what.error, 'pts') || what.text || what.error.code;
      line(t('data.error', { text }));
    }
    if (what.loaded) {
      const r = what.loaded;
      const n = this.app.pg.points().length / Math.max(1, this.app.pg.points_arity());
      if (r.kind === 'session') line(t('data.session.loaded'));
      else {
        const c = r.columns;
        line(columnsText(c));
        line(t('data.rows', {
          n: n.toLocaleString(document.documentElement.lang || 'en'),
          delimiter: t(`data.delim.${c.delimiter}`),
          header: t(c.header ? 'data.header.yes' : 'data.header.no'),
        }));
      }
      line(t('data.loaded', { n: n.toLocaleString(document.documentElement.lang || 'en') }));
    }
  }
}
