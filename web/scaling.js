// Feature scaling (特征缩放) for linreg2: a standardise on/off toggle (scale=none|standard)
// and, side by side, the steps each case needs to bring the loss below a target, from core's
// scaling comparison (Playground.scaling). Shown only for a data model with two features.

import { register, t, onLangChange } from './i18n.js';
import { fmtNum } from './maths.js';

register({
  en: {
    'scaling.title': 'Feature scaling',
    'scaling.toggle': 'Standardise the features (mean 0, variance 1)',
    'scaling.caption': 'Steps to bring the loss below T, same settings otherwise',
    'scaling.case': 'features',
    'scaling.target': 'target T',
    'scaling.steps': 'steps',
    'scaling.none': 'unscaled',
    'scaling.standard': 'standardised',
    'scaling.reached': '{n}',
    'scaling.notReached': 'did not reach in {s} steps',
    'scaling.diverged': 'diverged at step {s}',
    'scaling.auto': 'No target loss is set, so each case aims at its own minimum loss plus 1% of the way down from the start (the model has no intercept, so standardising changes the best loss).',
    'scaling.user': 'The target loss from the settings: T = {T}.',
    'scaling.set': 'Use a common target',
    'scaling.set.title': 'Set the target loss (target=) to the larger of the two automatic targets',
    'scaling.shown': 'shown',
  },
  zh: {
    'scaling.title': '特征缩放',
    'scaling.toggle': '标准化特征（均值 0，方差 1）',
    'scaling.caption': '损失降到 T 以下所需的步数（其余设置相同）',
    'scaling.case': '特征',
    'scaling.target': '目标 T',
    'scaling.steps': '步数',
    'scaling.none': '未缩放',
    'scaling.standard': '标准化',
    'scaling.reached': '{n}',
    'scaling.notReached': '{s} 步内未达到',
    'scaling.diverged': '在第 {s} 步发散',
    'scaling.auto': '未设置目标损失，因此每种情况以自己的最小损失加上从起点下降距离的 1% 为目标（模型没有截距，标准化会改变最优损失）。',
    'scaling.user': '设置中的目标损失：T = {T}。',
    'scaling.set': '使用共同目标',
    'scaling.set.title': '把目标损失（target=）设为两个自动目标中较大的一个',
    'scaling.shown': '当前',
  },
});

function h(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** The scaling panel in `section`. */
export class ScalingPanel {
  constructor(app, section) {
    this.app = app;
    this.section = section;
    this.key = null;
    this.result = null;
    this.timer = 0;
    onLangChange(() => this.render());
  }

  /** After any change: recompute (soon, off the input's frame) when the run changed. */
  update() {
    const info = this.app.info;
    const applies = !!info && info.name === 'linreg2';
    this.section.hidden = !applies;
    if (!applies) { this.key = null; return; }
    const key = this.app.pg.settings();
    if (key === this.key) return;
    this.key = key;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.app.safe(() => this.compute()), 0);
  }

  /** Runs both cases now (also for tests through window.descent). */
  compute() {
    this.result = this.app.pg.scaling();
    this.render();
    return this.result;
  }

  render() {
    const sec = this.section;
    if (sec.hidden) return;
    sec.replaceChildren();
    sec.append(h('h2', t('scaling.title')));
    const label = h('label', undefined, 'scaling-toggle');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'scaling-standard';
    box.checked = this.app.pg.value('scale') === 'standard';
    box.addEventListener('change', () => this.app.setValue('scale', box.checked ? 'standard' : 'none'));
    label.append(box, ` ${t('scaling.toggle')}`);
    sec.append(label);
    const r = this.result;
    if (!r) return;
    const table = h('table', undefined, 'scaling-table');
    table.append(h('caption', t('scaling.caption')));
    const head = h('tr');
    head.append(h('th', t('scaling.case')), h('th', t('scaling.target')), h('th', t('scaling.steps')));
    const thead = h('thead');
    thead.append(head);
    const body = h('tbody');
    const shown = this.app.pg.value('scale');
    for (const row of r.rows) {
      const tr = h('tr');
      tr.dataset.scale = row.scale;
      if (row.scale === shown) tr.className = 'shown';
      const name = h('th', t(`scaling.${row.scale}`));
      if (row.scale === shown) name.append(h('span', ` (${t('scaling.shown')})`, 'muted'));
      const target = h('td', fmtNum(row.target));
      target.dataset.value = String(row.target);
      let text;
      if (row.reached !== null && row.reached !== undefined) text = t('scaling.reached', { n: row.reached });
      else if (row.status === 'diverged') text = t('scaling.diverged', { s: row.steps });
      else text = t('scaling.notReached', { s: row.steps });
      const steps = h('td', text, 'scaling-steps');
      steps.dataset.reached = row.reached === null || row.reached === undefined ? '' : String(row.reached);
      steps.title = row.status_text;
      tr.append(name, target, steps);
      body.append(tr);
    }
    table.append(thead, body);
    sec.append(table);
    if (r.auto) {
      sec.append(h('p', t('scaling.auto'), 'maths-note'));
      const b = h('button', t('scaling.set'));
      b.type = 'button';
      b.id = 'scaling-set-target';
      b.title = t('scaling.set.title');
      const common = Math.max(...r.rows.map((x) => x.target));
      b.addEventListener('click', () => this.app.setValue('target', String(common)));
      sec.append(b);
    } else {
      sec.append(h('p', t('scaling.user', { T: fmtNum(r.rows[0].target) }), 'maths-note'));
    }
  }
}
