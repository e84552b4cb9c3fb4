// Feature scaling (特征缩放) for linreg2: a standardise on/off toggle (scale=none|standard)
// and, side by side, the steps each case needs to bring the loss below one target, from core's
// scaling comparison (Playground.scaling), with the best fit both cases share in the original
// units. Shown only for a data model with two features.

import { register, t, onLangChange } from './i18n.js';
import { fmtNum } from './maths.js';
import { statusText } from './strings.js';

register({
  en: {
    'scaling.title': 'Feature scaling',
    'scaling.toggle': 'Standardise the features (mean 0, variance 1)',
    'scaling.caption': 'Steps to bring the loss below T = {T}, same settings otherwise',
    'scaling.case': 'features',
    'scaling.lr': 'learning rate',
    'scaling.steps': 'steps',
    'scaling.none': 'unscaled',
    'scaling.standard': 'standardised',
    'scaling.reached': '{n}',
    'scaling.notReached': 'did not reach in {s} steps',
    'scaling.diverged': 'diverged at step {s}',
    'scaling.same': 'Both cases are the same model, ŷ = w₁x₁ + w₂x₂ + b with the intercept b solved exactly, and have the same best fit: ŷ = {fit} (in the original units). Scaling changes only the shape of the surface and the number of steps.',
    'scaling.ownLr': 'The case on screen uses your learning rate; the other uses its own safe one, 1/λ_max (λ_max: the largest curvature), because a rate that suits one surface diverges or crawls on the other.',
    'scaling.sameLr': 'Both cases use your learning rate.',
    'scaling.auto': 'No target loss is set, so T is the minimum loss plus 1% of the way down from the start (the same for both cases), rounded up.',
    'scaling.user': 'The target loss T comes from the settings.',
    'scaling.set': 'Use this target',
    'scaling.set.title': 'Set the target loss (target=) to T, so the run on screen stops there',
    'scaling.shown': ' (shown)',
  },
  zh: {
    'scaling.title': '特征缩放',
    'scaling.toggle': '标准化特征（均值 0，方差 1）',
    'scaling.caption': '损失降到 T = {T} 以下所需的步数（其余设置相同）',
    'scaling.case': '特征',
    'scaling.lr': '学习率',
    'scaling.steps': '步数',
    'scaling.none': '未缩放',
    'scaling.standard': '标准化',
    'scaling.reached': '{n}',
    'scaling.notReached': '{s} 步内未达到',
    'scaling.diverged': '在第 {s} 步发散',
    'scaling.same': '两种情况是同一个模型 ŷ = w₁x₁ + w₂x₂ + b（截距 b 精确求出），最佳拟合也相同：ŷ = {fit}（原始单位）。缩放只改变曲面的形状和所需步数。',
    'scaling.ownLr': '当前显示的情况使用你的学习率；另一种情况使用它自己的安全学习率 1/λ₁（λ₁ 为最大曲率），因为适合一个曲面的学习率在另一个曲面上会发散或进展极慢。',
    'scaling.sameLr': '两种情况都使用你的学习率。',
    'scaling.auto': '未设置目标损失，因此 T 取最小损失加上从起点下降距离的 1%（两种情况相同），向上取整。',
    'scaling.user': '目标损失 T 来自设置。',
    'scaling.set': '使用这个目标',
    'scaling.set.title': '把目标损失（target=）设为 T，当前的运行到达 T 即停止',
    'scaling.shown': '（当前）',
  },
});

function h(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** (w₁, w₂, b) as `3.3x₁ + 0.048x₂ − 0.119`, three significant digits. */
function fitText([w1, w2, b]) {
  const num = (x) => String(Number(Math.abs(x).toPrecision(3)));
  const sign = (x) => (x < 0 ? '−' : '+');
  return `${w1 < 0 ? '−' : ''}${num(w1)}x₁ ${sign(w2)} ${num(w2)}x₂ ${sign(b)} ${num(b)}`;
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
    // The link's settings and the data's fingerprint (the settings' text would hold every point).
    const key = `${this.app.linkSettings()}|${this.app.pg.surface_key()}`;
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
    table.append(h('caption', t('scaling.caption', { T: fmtNum(r.target) })));
    table.dataset.target = String(r.target);
    const head = h('tr');
    head.append(h('th', t('scaling.case')), h('th', t('scaling.lr')), h('th', t('scaling.steps')));
    const thead = h('thead');
    thead.append(head);
    const body = h('tbody');
    const shown = this.app.pg.value('scale');
    for (const row of r.rows) {
      const tr = h('tr');
      tr.dataset.scale = row.scale;
      if (row.scale === shown) tr.className = 'shown';
      const name = h('th', t(`scaling.${row.scale}`));
      if (row.scale === shown) name.append(h('span', t('scaling.shown'), 'muted'));
      const lr = h('td', fmtNum(row.lr), 'scaling-lr');
      lr.dataset.value = String(row.lr);
      let text;
      if (row.reached !== null && row.reached !== undefined) text = t('scaling.reached', { n: row.reached });
      else if (row.status === 'diverged') text = t('scaling.diverged', { s: row.steps });
      else text = t('scaling.notReached', { s: row.steps });
      const steps = h('td', text, 'scaling-steps');
      steps.dataset.reached = row.reached === null || row.reached === undefined ? '' : String(row.reached);
      steps.title = statusText(row.status_detail);
      tr.append(name, lr, steps);
      body.append(tr);
    }
    table.append(thead, body);
    sec.append(table);
    const same = h('p', t('scaling.same', { fit: fitText(r.rows[0].best) }), 'maths-note scaling-fit');
    same.dataset.best = JSON.stringify(r.rows.map((x) => x.best));
    sec.append(same);
    sec.append(h('p', t(r.own_lr ? 'scaling.ownLr' : 'scaling.sameLr'), 'maths-note'));
    if (r.auto) {
      sec.append(h('p', t('scaling.auto'), 'maths-note'));
      const b = h('button', t('scaling.set'));
      b.type = 'button';
      b.id = 'scaling-set-target';
      b.title = t('scaling.set.title');
      // Core rounds the target up to three significant digits: a short value for the link.
      b.addEventListener('click', () => this.app.setValue('target', String(r.target)));
      sec.append(b);
    } else {
      sec.append(h('p', t('scaling.user'), 'maths-note'));
    }
  }
}
