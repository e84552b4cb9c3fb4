// The "Embed" dialog: which controls the embed shows (a check list of the catalog's fields
// that have a control on this page and apply to this run), which optional parts (parts=), and
// three snippets (a plain iframe, the <descent-playground> element of embed.js, and an iframe
// driven by Descent.connect), previewed live in a small embed of the snippet's link.

import { register, t, onLangChange } from './i18n.js';
import { EMBED_PARTS } from './state.js';
import { snippetHeight } from './embedview.js';

const $ = (id) => document.getElementById(id);

register({
  en: {
    'embed.parts': 'Parts to show',
    'embed.parts.always': 'Always shown: the figure, Step, Play, Reset, the timeline, and step, θ and loss.',
    'embed.controls.none': 'No control is chosen: the embed shows the run only.',
    'embed.kind': 'Snippet',
    'embed.kind.iframe': 'iframe',
    'embed.kind.iframe.tip': 'A plain iframe: works wherever HTML is allowed',
    'embed.kind.element': '<descent-playground> element',
    'embed.kind.element.tip': 'The custom element of embed.js: it takes the height its content needs, and your page can drive it',
    'embed.kind.script': 'Script with Descent.connect',
    'embed.kind.script.tip': 'An iframe driven by your own script: a live step and loss, and a Play button',
    'embed.size.fixed': 'Height {h} px: the figure, Step, Play, the timeline and what you chose show without scrolling inside the frame, from 360 px wide up.',
    'embed.size.auto': 'height="auto": the element takes the height its content needs.',
    'embed.preview': 'Preview',
    'embed.preview.aria': 'Preview of the embedded run, as the snippet shows it',
    'embed.script.status': 'Step {step}, loss {loss}',
    'embed.script.stop': 'Stopped: {status}',
    'embed.script.play': 'Play',
  },
  zh: {
    'embed.parts': '要显示的部分',
    'embed.parts.always': '始终显示：图、单步、播放、重置、时间轴，以及步数、θ 和损失。',
    'embed.controls.none': '未选择控件：嵌入页面只显示这次运行。',
    'embed.kind': '代码',
    'embed.kind.iframe': 'iframe',
    'embed.kind.iframe.tip': '普通 iframe：任何允许 HTML 的地方都能用',
    'embed.kind.element': '自定义元素 <descent-playground>',
    'embed.kind.element.tip': 'embed.js 提供的自定义元素：高度随内容而定，你的页面可以控制它',
    'embed.kind.script': '用 Descent.connect 的脚本',
    'embed.kind.script.tip': '由你自己的脚本控制的 iframe：实时显示步数和损失，并有播放按钮',
    'embed.size.fixed': '高度 {h} 像素：从 360 像素宽起，图、单步、播放、时间轴和所选部分都无需在框内滚动即可看到。',
    'embed.size.auto': 'height="auto"：元素的高度随内容而定。',
    'embed.preview': '预览',
    'embed.preview.aria': '嵌入效果预览，与代码显示的一致',
    'embed.script.status': '第 {step} 步，损失 {loss}',
    'embed.script.stop': '已停止：{status}',
    'embed.script.play': '播放',
  },
});

/** The snippet kinds, in the order the dialog offers them. */
export const SNIPPET_KINDS = ['iframe', 'element', 'script'];

/** The controls an embed shows unless the writer picks others. */
const DEFAULT_CONTROLS = ['lr', 'opt'];

/** How long the preview waits after a change before it follows. */
const PREVIEW_DELAY_MS = 300;

/** Text for an HTML attribute value in double quotes (or element content). */
const esc = (v) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One check box (or radio) with its label; `code` is shown after the label in monospace. */
function choice(type, name, value, text, code, tip) {
  const label = document.createElement('label');
  const input = document.createElement('input');
  input.type = type;
  input.name = name;
  input.value = value;
  label.append(input, ' ', document.createTextNode(text));
  if (code) {
    const c = document.createElement('code');
    c.textContent = code;
    label.append(' ', c);
  }
  if (tip) label.title = tip;
  return { label, input };
}

export class EmbedDialog {
  constructor(app) {
    this.app = app;
    this.dialog = $('embed-dialog');
    this.controlsBox = $('embed-controls');
    this.partsBox = $('embed-parts');
    this.kindBox = $('embed-kind');
    this.snippetBox = $('embed-snippet');
    this.previewBox = $('embed-preview');
    this.chosen = new Set(DEFAULT_CONTROLS); // the writer's picks, kept between openings
    this.parts = new Set();
    this.partsTouched = false;                // data view: on for data models until touched
    this.kind = 'iframe';
    this.timer = 0;
    this.frame = null;

    this.controlsBox.addEventListener('change', (e) => {
      if (e.target.type !== 'checkbox') return;
      if (e.target.checked) this.chosen.add(e.target.value); else this.chosen.delete(e.target.value);
      this.fill();
    });
    this.partsBox.addEventListener('change', (e) => {
      if (e.target.type !== 'checkbox') return;
      this.partsTouched = true;
      if (e.target.checked) this.parts.add(e.target.value); else this.parts.delete(e.target.value);
      this.fill();
    });
    this.kindBox.addEventListener('change', (e) => {
      if (e.target.name !== 'embed-kind') return;
      this.kind = e.target.value;
      this.fill();
    });
    this.dialog.addEventListener('close', () => this.dropPreview());
    onLangChange(() => { if (this.dialog.open) { this.build(); this.fill(); } });
  }

  /** The keys with a control on this page that apply to the current run, in catalog order. */
  keys() {
    const rows = this.app.controls.rows;
    const fields = this.app.pg.catalog().fields || [];
    return fields.map((f) => f.key).filter((key) => rows.has(key) && !rows.get(key).row.hidden);
  }

  /** The label a control has in the panel (its language included). */
  labelOf(key) {
    const entry = this.app.controls.rows.get(key);
    const label = entry && entry.row.querySelector('label');
    return (label && label.textContent.trim()) || key;
  }

  /** Whether the run is fitted to data (the data view exists). */
  isModel() {
    return !!(this.app.info && this.app.info.is_model);
  }

  /** Builds the check lists and radios for the current run and language. */
  build() {
    const keys = this.keys();
    const list = document.createElement('div');
    list.className = 'checks';
    for (const key of keys) {
      const { label, input } = choice('checkbox', 'embed-control', key, this.labelOf(key), key);
      input.checked = this.chosen.has(key);
      list.append(label);
    }
    this.controlsBox.querySelector('.checks')?.remove();
    this.controlsBox.append(list);

    if (!this.partsTouched) {
      if (this.isModel()) this.parts.add('data'); else this.parts.delete('data');
    }
    const parts = document.createElement('div');
    parts.className = 'checks';
    for (const part of EMBED_PARTS) {
      const { label, input } = choice('checkbox', 'embed-part', part, t(`part.${part}`), null, t(`part.${part}.tip`));
      input.checked = this.parts.has(part);
      if (part === 'data' && !this.isModel()) {
        input.disabled = true;
        input.checked = false;
      }
      parts.append(label);
    }
    const note = document.createElement('p');
    note.className = 'embed-always';
    note.textContent = t('embed.parts.always');
    parts.append(note);
    this.partsBox.querySelector('.checks')?.remove();
    this.partsBox.append(parts);

    const kinds = document.createElement('div');
    kinds.className = 'checks';
    for (const kind of SNIPPET_KINDS) {
      const { label, input } = choice('radio', 'embed-kind', kind, t(`embed.kind.${kind}`), null, t(`embed.kind.${kind}.tip`));
      input.checked = kind === this.kind;
      kinds.append(label);
    }
    this.kindBox.querySelector('.checks')?.remove();
    this.kindBox.append(kinds);
  }

  /** What the snippets embed: the controls and parts as chosen, applicable to this run. */
  choice() {
    const keys = this.keys();
    const controls = keys.filter((k) => this.chosen.has(k));
    const parts = EMBED_PARTS.filter((p) => this.parts.has(p) && (p !== 'data' || this.isModel()));
    return { controls, parts };
  }

  /** The run's settings for the embed; the maths part opens the maths panel (maths=on). */
  settings(parts) {
    let s = this.app.linkSettings();
    if (parts.includes('maths') && this.app.pg.value('maths') !== 'on') s = s ? `${s}&maths=on` : 'maths=on';
    return s;
  }

  /** The embed's link (`embed=1`, the controls and parts) for the chosen options. */
  src({ controls, parts }) {
    return this.app.hash.link(this.settings(parts), { embed: true, controls, parts });
  }

  /** The iframe height for the chosen options (see embedview.js). */
  height({ controls, parts }) {
    const opt = this.app.pg.value('opt');
    const entry = (this.app.pg.catalog().optimizers || []).find((o) => (typeof o === 'string' ? o : o.name) === opt);
    const lines = entry && Array.isArray(entry.formula) ? entry.formula.length : 6;
    return snippetHeight({ parts, controls, formulaLines: lines });
  }

  /** The directory the site is served from (where embed.js is). */
  site() {
    const url = new URL('./', location.href);
    url.hash = '';
    url.search = '';
    return url.href;
  }

  /** The three snippets for the chosen options, by kind. */
  snippets() {
    const chosen = this.choice();
    const src = this.src(chosen);
    const h = this.height(chosen);
    const title = t('share.iframe');
    const iframe = `<iframe src="${esc(src)}" title="${esc(title)}" height="${h}" style="width:100%;border:0" loading="lazy"></iframe>`;

    // The element takes the settings without the language, which has an attribute of its own.
    const all = this.settings(chosen.parts).split('&').filter(Boolean);
    const lang = (all.find((p) => p.startsWith('lang=')) || '').slice(5);
    const settings = all.filter((p) => !p.startsWith('lang=')).join('&');
    const attrs = [`settings="${esc(settings)}"`];
    if (chosen.controls.length) attrs.push(`controls="${esc(chosen.controls.join(','))}"`);
    if (chosen.parts.length) attrs.push(`parts="${esc(chosen.parts.join(','))}"`);
    if (lang) attrs.push(`lang="${esc(lang)}"`);
    attrs.push('height="auto"');
    const script = `<script src="${esc(this.site())}embed.js"></script>`;
    const element = `${script}\n<descent-playground ${attrs.join(' ')}></descent-playground>`;

    const status = JSON.stringify(t('embed.script.status'));
    const stop = JSON.stringify(t('embed.script.stop'));
    const driven = [
      `<iframe id="descent-run" src="${esc(src)}" title="${esc(title)}" height="${h}" style="width:100%;border:0"></iframe>`,
      `<p><button type="button" id="descent-play">${esc(t('embed.script.play'))}</button> <span id="descent-status" aria-live="polite"></span></p>`,
      script,
      '<script>',
      "  Descent.connect(document.getElementById('descent-run')).then(function (player) {",
      "    var line = document.getElementById('descent-status');",
      '    function show(e) {',
      `      line.textContent = ${status}.replace('{step}', e.state.step).replace('{loss}', Number(e.state.loss).toPrecision(4));`,
      '    }',
      "    player.on('step', show);",
      `    player.on('stop', function (e) { show(e); line.textContent += ' · ' + ${stop}.replace('{status}', e.status); });`,
      "    player.state().then(function (state) { show({ state: state }); });",
      "    document.getElementById('descent-play').addEventListener('click', function () { player.play(); });",
      '  });',
      '</script>',
    ].join('\n');
    return { iframe, element, script: driven, height: h, src };
  }

  /** Fills the snippet, the size note and (soon) the preview from the current choices. */
  fill() {
    const s = this.snippets();
    this.snippetBox.value = s[this.kind];
    this.snippetBox.rows = this.kind === 'iframe' ? 4 : this.kind === 'element' ? 4 : 10;
    $('embed-size').textContent = this.kind === 'element' ? t('embed.size.auto') : t('embed.size.fixed', { h: s.height });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.preview(s), this.frame ? PREVIEW_DELAY_MS : 0);
  }

  /** Shows the plain iframe's link in the preview (a hash change when only that differs). */
  preview(s) {
    if (!this.dialog.open) return;
    if (!this.frame) {
      this.frame = document.createElement('iframe');
      this.frame.id = 'embed-preview-frame';
      this.frame.title = t('embed.preview.aria');
      this.previewBox.append(this.frame);
    }
    this.frame.title = t('embed.preview.aria');
    this.frame.height = String(s.height);
    if (this.frame.src !== s.src) this.frame.src = s.src;
  }

  /** The preview is a whole page: it goes when the dialog closes. */
  dropPreview() {
    clearTimeout(this.timer);
    if (this.frame) this.frame.remove();
    this.frame = null;
  }

  open() {
    this.build();
    const d = this.dialog;
    if (typeof d.showModal === 'function') d.showModal(); else d.setAttribute('open', '');
    this.fill();
  }
}
