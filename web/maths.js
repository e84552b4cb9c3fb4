// The step-by-step maths panel (maths=on): the optimizer's update rule in MathML, the same
// rule with the shown step's numbers per component, the state before and after the step, and
// the gradient / momentum / update arrows on the surface. The formulas are the core's: each
// optimizer's template (crates/core/src/optim/formulas/<name>.txt, notation in
// optim/template.rs) comes with catalog().optimizers, and the numbers are the terms its update
// recorded (Playground.step_maths(k)). This file renders any template and knows no optimizer.
// Everything is built with createElementNS and textContent.

import { register, t, onLangChange } from './i18n.js';

const MML = 'http://www.w3.org/1998/Math/MathML';

register({
  en: {
    'maths.toggle': 'Step-by-step maths',
    'tools.aria': 'Step-by-step maths and downloads',
    'maths.toggle.title': 'Show the update rule with this step\'s numbers, the optimizer\'s state and arrows on the surface',
    'maths.title': 'Step-by-step maths',
    'maths.step': 'Step {k} → {k1}',
    'maths.t': 't = {t} (the update count, as torch.optim counts it)',
    'maths.rule': 'The update rule ({opt})',
    'maths.numbers': 'This step, with its numbers',
    'maths.state': 'Optimizer state',
    'maths.quantity': 'quantity',
    'maths.before': 'before the step',
    'maths.after': 'after the step',
    'maths.end': 'This is the last computed point: there is no step after it. Step back to see one.',
    'maths.gradient': 'gradient g = ∇L(θ)',
    'maths.lr': 'learning rate η',
    'maths.first': 'First step: the momentum buffer starts as a copy of the gradient (b₁ = g₁).',
    'maths.nomom': 'With μ = 0 torch skips the momentum buffer: this is plain gradient descent.',
    'maths.arrow.uphill': '∇f uphill',
    'maths.arrow.gradient': '−η·∇f',
    'maths.arrow.momentum': 'momentum',
    'maths.arrow.update': 'update',
    'maths.arrow.note': 'The dashed arrow ∇f shows only a direction: the one in which the loss rises fastest, at right angles to the contour line through θ (the short white line). Each step goes the other way, scaled by η.',
    'maths.one_d': 'A 1-D landscape: y stays 0, so only x is shown.',
    'state.momentum_buffer': 'momentum buffer b',
    'state.sum': 'accumulator s (sum of g²)',
    'state.square_avg': 'v (average of g²)',
    'state.acc_delta': 'u (accumulated update, acc_delta)',
    'state.exp_avg': 'm (first moment, exp_avg)',
    'state.exp_avg_sq': 'v (second moment, exp_avg_sq)',
    'state.max_exp_avg_sq': 'vᵐᵃˣ (max of v, max_exp_avg_sq)',
    'state.mu_product': 'Π (mu_product)',
    'state.newton_lambda': 'λ (shift added to H)',
    'state.last_step': 'last update Δθ',
    'state.effective_lr': 'effective step |Δθ / g|',
    'term.m_hat': 'm̂ (bias-corrected m)',
    'term.v_hat': 'v̂ (bias-corrected v)',
    'term.bc1': '1 − β₁ᵗ (bias correction)',
    'term.bc2': '1 − β₂ᵗ (bias correction)',
    'state.exp_inf': 'u (infinity norm, exp_inf)',
    'state.prev': 'previous gradient g′ (prev)',
    'state.step_size': 'step sizes δ (step_size)',
    'term.rho_t': 'ρₜ (length of the approximated moving average)',
    'term.rect': 'rₜ (variance rectification)',
    'maths.radam.off': 'ρₜ ≤ 5: the variance estimate is still too young, so this step is momentum SGD with m̂ and no adaptive term.',
    'maths.radam.on': 'ρₜ > 5: the adaptive step, scaled by the rectification rₜ.',
    'maths.rprop.first': 'First step: every step size starts at the learning rate (δ₀ = η); after this step η is not used.',
    'maths.w.if': 'if', 'maths.w.otherwise': 'otherwise', 'maths.w.where': 'where',
    'maths.stable': 'Stable learning rates (on the local quadratic)',
    'maths.stable.gd': 'On the quadratic that matches the loss at θ, a step multiplies the error along each eigenvector of H by 1 − ηλ; it shrinks only while |1 − ηλ| < 1, so η < 2/λ₁ (the classic 2/L step-size bound for a loss whose curvature is at most L; Nesterov, Introductory Lectures on Convex Optimization, 2004, §1.2.3).',
    'maths.stable.momentum': 'Heavy ball in torch\'s form (b = μb + g, θ ← θ − ηb) is Polyak\'s recurrence θₜ = (1 + μ − ηλ)θₜ₋₁ − μθₜ₋₂; both of its roots stay inside the unit circle exactly when 0 < ηλ < 2(1 + μ) (Goh, "Why Momentum Really Works", Distill 2017). With μ = 1 no η converges.',
    'maths.stable.nesterov': 'Torch\'s Nesterov step also adds μ·b to the gradient: per eigenvector the state (θ, ηb) maps by [[1 − ηλ(1 + μ), −μ²], [ηλ, μ]], which is stable exactly when ηλ < 2(1 + μ)/(1 + 2μ) (Jury\'s test; cf. Lessard, Recht & Packard, SIAM J. Optim., 2016). For μ = 0.9 that is 1.36/λ₁, well under heavy ball\'s 3.8/λ₁.',
    'maths.stable.in': 'At this step λ₁ = {lambda}: stable for η < {bound}, and η = {lr} is inside.',
    'maths.stable.out': 'At this step λ₁ = {lambda}: stable for η < {bound}, and η = {lr} is above it.',
  },
  zh: {
    'maths.toggle': '逐步计算',
    'tools.aria': '逐步计算与下载',
    'maths.toggle.title': '显示本步代入数值的更新公式、优化器状态，并在曲面上画出箭头',
    'maths.title': '逐步计算',
    'maths.step': '第 {k} 步 → 第 {k1} 步',
    'maths.t': 't = {t}（更新次数，按 torch.optim 的计数）',
    'maths.rule': '更新公式（{opt}）',
    'maths.numbers': '本步代入数值',
    'maths.state': '优化器状态',
    'maths.quantity': '量',
    'maths.before': '更新前',
    'maths.after': '更新后',
    'maths.end': '这是已计算的最后一个点，之后没有更新。请后退一步查看。',
    'maths.gradient': '梯度 g = ∇L(θ)',
    'maths.lr': '学习率 η',
    'maths.first': '第一步：动量缓冲取梯度的副本（b₁ = g₁）。',
    'maths.nomom': 'μ = 0 时 torch 不使用动量缓冲：这就是普通梯度下降。',
    'maths.arrow.uphill': '∇f 上坡',
    'maths.arrow.gradient': '−η·∇f',
    'maths.arrow.momentum': '动量',
    'maths.arrow.update': '更新',
    'maths.arrow.note': '虚线箭头 ∇f 只表示方向：损失上升最快的方向，与经过 θ 的等高线（白色短线）垂直。每一步都朝相反方向走，长度乘以 η。',
    'maths.one_d': '一维曲面：y 保持为 0，只显示 x。',
    'state.momentum_buffer': '动量缓冲 b',
    'state.sum': '累加器 s（g² 之和）',
    'state.square_avg': 'v（g² 的平均）',
    'state.acc_delta': 'u（累积更新 acc_delta）',
    'state.exp_avg': 'm（一阶矩 exp_avg）',
    'state.exp_avg_sq': 'v（二阶矩 exp_avg_sq）',
    'state.max_exp_avg_sq': 'vᵐᵃˣ（v 的最大值）',
    'state.mu_product': 'Π（mu_product）',
    'state.newton_lambda': 'λ（加到 H 上的平移）',
    'state.last_step': '上一次更新 Δθ',
    'state.effective_lr': '有效步长 |Δθ / g|',
    'term.m_hat': 'm̂（偏差修正后的 m）',
    'term.v_hat': 'v̂（偏差修正后的 v）',
    'term.bc1': '1 − β₁ᵗ（偏差修正）',
    'term.bc2': '1 − β₂ᵗ（偏差修正）',
    'state.exp_inf': 'u（无穷范数 exp_inf）',
    'state.prev': '上一步的梯度 g′（prev）',
    'state.step_size': '步长 δ（step_size）',
    'term.rho_t': 'ρₜ（近似滑动平均的长度）',
    'term.rect': 'rₜ（方差修正因子）',
    'maths.radam.off': 'ρₜ ≤ 5：方差估计还不可靠，本步是使用 m̂ 的动量 SGD，不用自适应项。',
    'maths.radam.on': 'ρₜ > 5：使用自适应步长，并乘以修正因子 rₜ。',
    'maths.rprop.first': '第一步：每个步长都从学习率开始（δ₀ = η）；之后不再使用 η。',
    'maths.w.if': '若', 'maths.w.otherwise': '否则', 'maths.w.where': '当',
    'maths.stable': '稳定的学习率（在局部二次模型上）',
    'maths.stable.gd': '在 θ 处与损失吻合的二次模型上，每一步把沿 H 每个特征向量的误差乘以 1 − ηλ；只有 |1 − ηλ| < 1 时误差才缩小，所以 η < 2/λ₁（曲率不超过 L 的损失的经典步长界 2/L；见 Nesterov 2004 年的凸优化讲义 §1.2.3）。',
    'maths.stable.momentum': 'torch 形式的重球动量（b = μb + g，θ ← θ − ηb）就是 Polyak 递推 θₜ = (1 + μ − ηλ)θₜ₋₁ − μθₜ₋₂；它的两个根都在单位圆内当且仅当 0 < ηλ < 2(1 + μ)（Goh，“Why Momentum Really Works”，Distill 2017）。μ = 1 时没有收敛的 η。',
    'maths.stable.nesterov': 'torch 的 Nesterov 步还把 μ·b 加到梯度上：沿每个特征向量，状态 (θ, ηb) 按 [[1 − ηλ(1 + μ), −μ²], [ηλ, μ]] 变换，稳定当且仅当 ηλ < 2(1 + μ)/(1 + 2μ)（Jury 判据；参见 Lessard、Recht、Packard，SIAM J. Optim.，2016）。μ = 0.9 时为 1.36/λ₁，远小于重球的 3.8/λ₁。',
    'maths.stable.in': '本步 λ₁ = {lambda}：η < {bound} 时稳定，η = {lr} 在范围内。',
    'maths.stable.out': '本步 λ₁ = {lambda}：η < {bound} 时稳定，η = {lr} 超出范围。',
  },
});

// --- MathML builders (textContent only) ----------------------------------------------------

function node(tag, kids = [], attrs = {}) {
  const e = document.createElementNS(MML, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
}
function leaf(tag, text, attrs) {
  const e = node(tag, [], attrs);
  e.textContent = text;
  return e;
}
const mo = (s) => leaf('mo', s);
const row = (kids) => node('mrow', kids);
const paren = (k) => row([mo('('), k, mo(')')]);

/** A number as the panel writes it: 3 decimals, or 3 significant digits in ×10ⁿ form. */
export function fmtNum(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  let s;
  if (a >= 0.01 && a < 1e6) {
    s = String(Number(x.toFixed(3)));
  } else {
    const [m, e] = x.toExponential(2).split('e');
    const sups = { '-': '⁻', '+': '', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
    s = `${String(Number(m))}×10${[...e].map((c) => sups[c]).join('')}`;
  }
  return s.replace('-', '−');
}

// --- the template notation (crates/core/src/optim/template.rs) --------------------------------

/** Characters that stick to the name before them (θ′, η⁺, η⁻). */
const SUFFIX = '′⁺⁻';
/** After these operators (or first in a row) a negative number needs no brackets. */
const OPENS = new Set(['=', '←', '(', ',', '|', '⇒']);
/** Commands whose argument is plain text. */
const RAW = new Set(['text', 'word', 'matrix']);

/** The tokens of a math body: [kind, text] with kind one of id num op ref cmd { } _ ^ %. */
function tokens(src) {
  const out = [];
  const s = [...src];
  let i = 0;
  const take = (re) => { let w = ''; while (i < s.length && re.test(s[i])) w += s[i++]; return w; };
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i += 1; continue; }
    if (c === '\\') {
      i += 1;
      const name = take(/[A-Za-z]/);
      // \text, \word and \matrix take their {argument} as it is.
      if (RAW.has(name) && s[i] === '{') {
        i += 1;
        const arg = take(/[^}]/);
        i += 1;
        out.push(['cmd', name, arg]);
      } else {
        out.push(['cmd', name]);
      }
      continue;
    }
    if (c === '#') {
      i += 1;
      const name = take(/[A-Za-z0-9_.]/);
      const result = s[i] === '!';
      if (result) i += 1;
      out.push(['ref', name, result]);
      continue;
    }
    if (/[0-9]/.test(c)) { out.push(['num', take(/[0-9.]/)]); continue; }
    if ('{}_^%'.includes(c)) { out.push([c, c]); i += 1; continue; }
    if (/[A-Za-z]/.test(c)) { out.push(['id', take(/[A-Za-z]/) + take(new RegExp(`[${SUFFIX}]`))]); continue; }
    if (/\p{L}/u.test(c) || c === '∞') { i += 1; out.push(['id', c + take(new RegExp(`[${SUFFIX}]`))]); continue; }
    out.push(['op', c === '-' ? '−' : c]);
    i += 1;
  }
  return out;
}

/**
 * Renders a math body to MathML nodes. `v` gives the step's values (null for the symbolic
 * rule): `v.value(name)` a number, `v.vector(name)` a whole term, `v.axis` the component.
 */
function render(src, v) {
  const ts = tokens(src);
  let p = 0;
  const number = (x, name, result) => {
    const attrs = { 'data-value': String(x) };
    if (result) attrs.class = name === 'recorded' ? 'result' : 'value';
    const e = leaf('mn', name === 't' ? String(x) : fmtNum(x), attrs);
    e.negative = x < 0;
    return e;
  };
  const bracketed = (e) => (e.negative ? paren(e) : e);
  const word = (w) => leaf('mtext', `\u00a0${t(`maths.w.${w}`)}\u00a0`);

  function atom() {
    const [kind, text, arg] = ts[p++];
    switch (kind) {
      case '{': return row(seq('}'));
      case 'id': return leaf('mi', text);
      case 'num': return leaf('mn', text);
      case '%': return leaf('mi', (v ? v.axis : 'θ') + (ts[p] && ts[p][0] === 'op' && ts[p][1] === '′' ? ts[p++][1] : ''));
      case 'ref': return v ? number(v.value(text), text, arg) : leaf('mi', text);
      case 'cmd':
        switch (text) {
          case 'frac': { const a = atom(); return node('mfrac', [a, atom()]); }
          case 'sqrt': return node('msqrt', [atom()]);
          case 'hat': return node('mover', [atom(), mo('^')], { accent: 'true' });
          case 'text': return leaf('mtext', arg || '');
          case 'word': return word(arg || '');
          case 'quad': return node('mspace', [], { width: '1em' });
          case 'matrix':
            return node('mtable', (arg || '').trim().split(/\s+/).map((name) => node('mtr',
              (v ? v.vector(name) : [NaN, NaN]).map((x) => node('mtd', [number(x, name, false)])))));
          default: return leaf('mtext', `\\${text}`);
        }
      default: return mo(text);
    }
  }

  /** A base with its sub- and superscripts; a negative number as a base gets brackets. */
  function scripted() {
    let base = atom();
    let sub = null;
    let sup = null;
    while (p < ts.length && (ts[p][0] === '_' || ts[p][0] === '^')) {
      const which = ts[p++][0];
      const s = atom();
      if (which === '_') sub = s; else sup = s;
    }
    if (!sub && !sup) return base;
    base = bracketed(base);
    if (sub && sup) return node('msubsup', [base, sub, sup]);
    return node(sub ? 'msub' : 'msup', [base, sub || sup]);
  }

  /** A row up to `end`; negative numbers after an operator other than = ← ( , | ⇒ get brackets. */
  function seq(end) {
    const kids = [];
    while (p < ts.length && ts[p][0] !== end) kids.push(scripted());
    p += 1;
    return kids.map((k, j) => {
      const prev = kids[j - 1];
      const open = j === 0 || (prev.localName === 'mo' && OPENS.has(prev.textContent));
      return open ? k : bracketed(k);
    });
  }
  return seq(null);
}

/** Whether a line's guard holds for the step (`i` the component; none for the rule). */
function holds(when, s, i) {
  return when.split(',').map((c) => c.trim()).filter(Boolean).every((c) => {
    const m = /^(!?)([A-Za-z_][A-Za-z0-9_]*)\s*(?:([=<>])\s*(\S+))?$/.exec(c);
    if (!m) return false;
    const [, not, name, op, rhs] = m;
    const x = name === 't' ? s.t : name === 'i' ? i : name in s.params ? s.params[name] : undefined;
    if (op) {
      const y = Number(rhs);
      return op === '=' ? x === y : op === '<' ? x < y : x > y;
    }
    const truthy = name in s.terms || (x !== undefined && x !== 0);
    return not ? !truthy : truthy;
  });
}

/** The values a numbers line of component i reads (see the notation in template.rs). */
function values(s, i, axis) {
  const state = (list, name) => { const e = list.find((x) => x.name === name); return e ? e.value : [NaN, NaN]; };
  const vector = (name) => {
    if (name === 'theta') return s.theta;
    if (name === 'recorded') return s.recorded;
    if (name.startsWith('before.')) return state(s.before, name.slice(7));
    if (name.startsWith('after.')) return state(s.after, name.slice(6));
    return s.terms[name] || [NaN, NaN];
  };
  const value = (name) => {
    if (name === 'lr') return s.lr;
    if (name === 't') return s.t;
    if (name in s.params && !(name in s.terms)) return s.params[name];
    return vector(name)[i];
  };
  return { axis, value, vector };
}

/** A template's lines of one kind whose guard holds. */
const linesOf = (tpl, kind, s, i) => tpl.filter((l) => l.kind === kind && holds(l.when, s, i));
/** The names listed by a template's `terms:` or `scalars:` lines. */
const namesOf = (tpl, kind) => tpl.filter((l) => l.kind === kind).flatMap((l) => l.body.split(/\s+/));

/** The rule as block <math> lines (each wrapped to break before = and ←). */
export function ruleLines(tpl, s) {
  return linesOf(tpl, 'rule', s).map((l) => wrap(render(l.body, null)));
}

/** Per component i: the template's numbers lines with the step's values. */
export function numberLines(tpl, s, i, axis) {
  const v = values(s, i, axis);
  return linesOf(tpl, 'numbers', s, i).map((l) => wrap(render(l.body, v)));
}

// --- the panel ------------------------------------------------------------------------------

function h(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

/** The maths panel and its toggle; `app` is the page's App. */
export class Maths {
  constructor(app, section, toggle) {
    this.app = app;
    this.section = section;
    this.toggle = toggle;
    this.last = null;
    this.templates = null;
    toggle.addEventListener('click', () => this.app.setView('maths', this.on() ? 'off' : 'on'));
    // The overlay first: the panel's legend lists the arrows as drawn, in the new language.
    onLangChange(() => { this.label(); this.last = null; this.app.drawOverlay(); });
    this.label();
  }

  label() {
    this.toggle.textContent = t('maths.toggle');
    this.toggle.title = t('maths.toggle.title');
  }

  on() {
    return this.app.pg.value('maths') === 'on';
  }

  /** The formula template of optimizer `opt` (catalog().optimizers, read once). */
  template(opt) {
    if (!this.templates) {
      this.templates = new Map((this.app.pg.catalog().optimizers || []).map((o) => [o.name, o.formula || []]));
    }
    return this.templates.get(opt) || [];
  }

  /** After a redraw of the overlay at step k: the arrows and the panel. */
  draw(k, ctx, w, h2, dpr) {
    const on = this.on();
    this.toggle.setAttribute('aria-pressed', String(on));
    this.section.hidden = !on;
    if (!on) { this.last = null; this.arrows = null; return; }
    // What was drawn, in device pixels, for tests (window.descent.stepArrows()).
    this.arrows = this.app.pg.render_step_arrows(ctx, w, h2, dpr, k, t('maths.arrow.uphill'),
      t('maths.arrow.gradient'), t('maths.arrow.momentum'), t('maths.arrow.update'));
    this.show(k);
  }

  /** Rebuilds the panel for step k (only when the step or the run changed). */
  show(k) {
    if (!this.on()) return;
    const key = `${this.app.linkSettings()}|${this.app.pg.surface_key()}|${k}|${this.app.pg.len()}`;
    if (key === this.last) return;
    this.last = key;
    const s = this.app.pg.step_maths(k);
    const sec = this.section;
    sec.replaceChildren();
    sec.append(h('h2', t('maths.title')));
    if (!s) {
      sec.append(h('p', t('maths.end'), 'maths-note'));
      return;
    }
    const tpl = this.template(s.opt);
    const names = (this.app.info && this.app.info.axis_names) || ['x', 'y'];
    const comps = s.dim === 1 ? [0] : [0, 1];
    const head = h('p', '', 'maths-step');
    head.append(h('strong', t('maths.step', { k: s.k, k1: s.k + 1 })), ` · ${t('maths.t', { t: s.t })} · ${t('maths.lr')} = ${fmtNum(s.lr)}`);
    sec.append(head);
    if (s.dim === 2) {
      // The arrows' colours (the canvas legend is left out on narrow plots).
      // As drawn: arrows that coincide are one, in the last one's colour ("−η·∇f = update").
      const legend = h('p', '', 'maths-legend');
      const kinds = ['uphill', 'gradient', 'momentum', 'update'];
      for (const a of this.arrows || []) {
        const kind = kinds[a.of[a.of.length - 1]];
        const item = h('span', '', 'maths-legend-item');
        item.append(h('span', '', `swatch arrow-${kind}`), a.label);
        legend.append(item);
      }
      sec.append(legend, h('p', t('maths.arrow.note'), 'maths-note'));
    }

    sec.append(h('h3', t('maths.rule', { opt: s.opt })));
    const rule = h('div', undefined, 'maths-rule');
    rule.dataset.opt = s.opt;
    rule.append(...ruleLines(tpl, s));
    sec.append(rule);
    for (const note of linesOf(tpl, 'note', s)) sec.append(h('p', t(`maths.${note.body}`), 'maths-note'));

    this.showStable(sec, tpl, s);

    sec.append(h('h3', t('maths.numbers')));
    if (s.dim === 1) sec.append(h('p', t('maths.one_d'), 'maths-note'));
    for (const i of comps) {
      const box = h('div', undefined, 'maths-numbers');
      box.dataset.component = String(i);
      box.append(...numberLines(tpl, s, i, names[i]));
      sec.append(box);
    }

    sec.append(h('h3', t('maths.state')));
    const table = h('table', undefined, 'maths-state');
    const thead = h('thead');
    const hr = h('tr');
    hr.append(h('th', t('maths.quantity')), h('th', t('maths.before')), h('th', t('maths.after')));
    thead.append(hr);
    const tbody = h('tbody');
    const scalars = new Set(namesOf(tpl, 'scalars'));
    const cell = (name, v) => {
      const td = h('td');
      // A scalar is given as [x, x]: show it once.
      for (const i of scalars.has(name) ? [0] : comps) td.append(h('span', fmtNum(v[i]), 'maths-comp'));
      td.dataset.value = JSON.stringify(comps.map((i) => v[i]));
      return td;
    };
    const addRow = (name, label, a, b) => {
      const tr = h('tr');
      tr.dataset.name = name;
      tr.append(h('th', label), a ? cell(name, a) : h('td', '–'), b ? cell(name, b) : h('td', '–'));
      tbody.append(tr);
    };
    addRow('gradient', t('maths.gradient'), null, s.grad);
    const before = new Map(s.before.map((x) => [x.name, x.value]));
    for (const { name, value } of s.after) {
      // The last update's Δθ and |Δθ / g| describe no update before the first.
      const fresh = s.t === 1 && (name === 'last_step' || name === 'effective_lr');
      addRow(name, t(`state.${name}`), fresh ? null : before.get(name), value);
    }
    for (const name of namesOf(tpl, 'terms')) {
      if (s.terms[name]) addRow(name, t(`term.${name}`), null, s.terms[name]);
    }
    table.append(thead, tbody);
    const scroll = h('div', undefined, 'maths-scroll');
    scroll.append(table);
    sec.append(scroll);
  }

  /**
   * The stable learning rates: the template's `stable` lines and their `source` sentence, then
   * this step's bound from the core (`curvature(k).band`), or the reason there is none.
   */
  showStable(sec, tpl, s) {
    const c = this.app.pg.curvature(s.k);
    sec.append(h('h3', t('maths.stable')));
    const lines = linesOf(tpl, 'stable', s);
    if (lines.length) {
      const box = h('div', undefined, 'maths-stable');
      box.append(...lines.map((l) => wrap(render(l.body, null))));
      sec.append(box);
    }
    for (const src of linesOf(tpl, 'source', s)) sec.append(h('p', t(`maths.${src.body}`), 'maths-note'));
    const b = c.band;
    const here = b.code === 'below'
      ? t(s.lr < b.bound ? 'maths.stable.in' : 'maths.stable.out', { lambda: fmtNum(c.lambda[0]), bound: fmtNum(b.bound), lr: fmtNum(s.lr) })
      : t(`band.${b.code}`);
    const p = h('p', here, 'maths-note maths-band');
    p.dataset.code = b.code;
    sec.append(p);
  }
}

/**
 * A math line as a wrapping row of <math> pieces, split before each top-level "=" or "←" and
 * each top-level "+" or "−" between two terms, so that on a narrow screen "= 0.9·0.066 + …"
 * and "− 0.023·…" go to the next line instead of off the edge (MathML Core does not break
 * lines itself). A piece that starts with "+" or "−" keeps the operator's own spacing
 * (form="infix"), so a line that fits looks as one formula.
 */
function wrap(kids) {
  const d = h('div', undefined, 'maths-line');
  const parts = [[]];
  const mark = (k, text) => k.localName === 'mo' && k.textContent.length === 1 && text.includes(k.textContent);
  let depth = 0; // inside brackets, "(1 − 0.9)", nothing breaks
  for (const k of kids) {
    const cur = parts[parts.length - 1];
    const prev = cur[cur.length - 1];
    if (mark(k, '(')) depth += 1;
    if (mark(k, ')')) depth -= 1;
    if (depth > 0) { /* keep together */ } else if (cur.length && mark(k, '=←')) parts.push([]);
    else if (prev && mark(k, '+−') && prev.localName !== 'mo' && prev.localName !== 'mspace') {
      k.setAttribute('form', 'infix');
      parts.push([]);
    }
    parts[parts.length - 1].push(k);
  }
  for (const p of parts) {
    const m = node('math', [row(p)]);
    if (mark(p[0], '=←')) m.setAttribute('class', 'rel');
    d.append(m);
  }
  return d;
}
