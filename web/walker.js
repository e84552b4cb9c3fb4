// The 1-D walker's words: the labels drawn on the figure (slope, step, global/local minimum)
// in the page's language, and a sentence under the figure saying what the step does.

import { register, t, onLangChange } from './i18n.js';

const $ = (id) => document.getElementById(id);

register({
  en: {
    'walker.word.slope': 'slope',
    'walker.word.step': 'step',
    'walker.word.global': 'global minimum',
    'walker.word.local': 'local minimum',
    'walker.left': 'Slope f′ = {slope} > 0, so the step −lr·f′ moves θ left.',
    'walker.right': 'Slope f′ = {slope} < 0, so the step −lr·f′ moves θ right.',
    'walker.flat': 'Slope f′ = {slope}: the ground is flat here, so θ barely moves.',
    'walker.overshoot': 'The step is so large that it jumps over the minimum (overshoot).',
    'walker.at.local': 'θ has settled in a local minimum at x = {x}; the global minimum is at x = {g}.',
    'walker.at.global': 'θ has reached the global minimum at x = {x}.',
    'walker.diverging': 'Each step lands farther from the minimum than the last: the run is diverging.',
  },
  zh: {
    'walker.word.slope': '斜率',
    'walker.word.step': '步长',
    'walker.word.global': '全局最小值',
    'walker.word.local': '局部最小值',
    'walker.left': '斜率 f′ = {slope} > 0，所以一步 −lr·f′ 让 θ 向左移动。',
    'walker.right': '斜率 f′ = {slope} < 0，所以一步 −lr·f′ 让 θ 向右移动。',
    'walker.flat': '斜率 f′ = {slope}：这里几乎是平的，θ 几乎不动。',
    'walker.overshoot': '这一步太大，越过了最小值（过冲）。',
    'walker.at.local': 'θ 停在了 x = {x} 处的局部最小值；全局最小值在 x = {g}。',
    'walker.at.global': 'θ 到达了 x = {x} 处的全局最小值。',
    'walker.diverging': '每一步都比上一步离最小值更远：这次运行正在发散。',
  },
});

/** A number for a sentence: 3 significant digits. */
const num = (v) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v));

export class Walker {
  constructor(app) {
    this.app = app;
    this.note = $('walker-note');
    onLangChange(() => { this.words(); this.app.safe(() => this.app.drawOverlay()); });
    this.words();
  }

  /** Sends the figure's words to the wasm side. */
  words() {
    this.app.pg.set_walker_words(t('walker.word.slope'), t('walker.word.global'), t('walker.word.local'), t('walker.word.step'));
  }

  shown() {
    return !!(this.app.info && this.app.info.dim === 1);
  }

  sync() {
    if (!this.shown()) this.note.hidden = true;
  }

  /** The sentence for point k. */
  draw(k) {
    if (!this.shown()) return;
    const at = this.app.pg.walker_at(k);
    const parts = [];
    if (at.minimum === 'local') {
      parts.push(t('walker.at.local', { x: num(at.x), g: (at.global_x || []).map(num).join(', ') }));
    } else if (at.minimum === 'global') {
      parts.push(t('walker.at.global', { x: num(at.x) }));
    } else if (typeof at.slope === 'number') {
      const s = at.slope;
      const key = Math.abs(s) < 1e-6 ? 'walker.flat' : s > 0 ? 'walker.left' : 'walker.right';
      parts.push(t(key, { slope: num(s) }));
    }
    if (at.overshoot) parts.push(t('walker.overshoot'));
    const diverging = this.app.pg.status().name === 'diverged';
    if (diverging) parts.push(t('walker.diverging'));
    this.note.dataset.diverging = diverging ? '1' : '0';
    this.note.textContent = parts.join(' ');
    this.note.dataset.minimum = at.minimum || '';
    this.note.dataset.overshoot = at.overshoot ? '1' : '0';
    this.note.hidden = parts.length === 0;
  }
}
