// The step-by-step maths panel (maths=on): the optimizer's update rule in MathML, the same
// rule with the shown step's numbers per component, the state before and after the step, and
// the gradient / momentum / update arrows on the surface. Everything is built with
// createElementNS and textContent; the numbers come from Playground.step_maths(k), which
// replays the recorded gradients through the optimizer.

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
  },
});

// --- MathML builders (textContent only) ----------------------------------------------------

function node(tag, kids = [], attrs = {}) {
  const e = document.createElementNS(MML, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const k of kids) e.append(k);
  return e;
}
const leaf = (tag) => (text, attrs) => {
  const e = node(tag, [], attrs);
  e.textContent = text;
  return e;
};
const mi = leaf('mi');
const mo = leaf('mo');
const mn = leaf('mn');
const row = (...k) => node('mrow', k);
const frac = (a, b) => node('mfrac', [a, b]);
const sqrt = (...k) => node('msqrt', k);
const sub = (a, b) => node('msub', [typeof a === 'string' ? mi(a) : a, typeof b === 'string' ? mi(b) : b]);
const sup = (a, b) => node('msup', [typeof a === 'string' ? mi(a) : a, typeof b === 'string' ? mi(b) : b]);
const subsup = (a, b, c) => node('msubsup', [mi(a), typeof b === 'string' ? mi(b) : b, typeof c === 'string' ? mi(c) : c]);
const hat = (a) => node('mover', [mi(a), mo('^')], { accent: 'true' });
const paren = (...k) => row(mo('('), ...k, mo(')'));
const math = (...k) => node('math', [row(...k)]);
const tM = (s) => sub(s, mi('t'));
const tPrev = (s) => sub(s, row(mi('t'), mo('−'), mn('1')));
const minus = () => mo('−');
const plus = () => mo('+');
const dot = () => mo('·');
const eq = () => mo('=');
const gets = () => mo('←');

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

/** A number token; negative ones in brackets when they follow an operator. */
function N(x, bracket = true) {
  const e = mn(fmtNum(x), { 'data-value': String(x) });
  return bracket && x < 0 ? paren(e) : e;
}

/** The result of a line: the number, marked for tests with its exact value. */
function R(x, cls = 'result') {
  const e = mn(fmtNum(x), { 'data-value': String(x), class: cls });
  return e;
}

// --- the rules ------------------------------------------------------------------------------

const g = () => tM('g');
const theta = () => tM('θ');
const thetaPrev = () => tPrev('θ');
const eta = () => mi('η');
const eps = () => mi('ε');
const b1 = () => sub('β', mn('1'));
const b2 = () => sub('β', mn('2'));
const g2 = () => subsup('g', mi('t'), mn('2'));
const oneMinus = (x) => paren(mn('1'), minus(), x);
const adamMoments = () => [
  math(tM('m'), eq(), b1(), dot(), tPrev('m'), plus(), oneMinus(b1()), dot(), g()),
  math(tM('v'), eq(), b2(), dot(), tPrev('v'), plus(), oneMinus(b2()), dot(), g2()),
];
const hatLine = (name, base) => math(sub(hat(name), mi('t')), eq(), frac(base, row(mn('1'), minus(), subsup('β', mn(name === 'm' ? '1' : '2'), mi('t')))));
const adamStep = (from) => math(theta(), eq(), from, minus(), eta(), dot(),
  frac(sub(hat('m'), mi('t')), row(sqrt(sub(hat('v'), mi('t'))), plus(), eps())));

/** The general update rule of each optimizer, as block <math> lines (torch.optim's forms). */
export function ruleLines(opt, params) {
  const mu = () => mi('μ');
  const rho = () => mi('ρ');
  const buf = [
    math(tM('b'), eq(), mu(), dot(), tPrev('b'), plus(), g(), mspace(), mtext('('), sub('b', mn('1')), eq(), sub('g', mn('1')), mtext(')')),
  ];
  switch (opt) {
    case 'gd':
      return [math(theta(), eq(), thetaPrev(), minus(), eta(), dot(), g())];
    case 'momentum':
      if (params.mom === 0) return ruleLines('gd', params);
      return [...buf, math(theta(), eq(), thetaPrev(), minus(), eta(), dot(), tM('b'))];
    case 'nesterov':
      if (params.mom === 0) return ruleLines('gd', params);
      return [...buf, math(theta(), eq(), thetaPrev(), minus(), eta(), dot(), paren(g(), plus(), mu(), dot(), tM('b')))];
    case 'adagrad':
      return [
        math(tM('s'), eq(), tPrev('s'), plus(), g2()),
        math(theta(), eq(), thetaPrev(), minus(), eta(), dot(), frac(g(), row(sqrt(tM('s')), plus(), eps()))),
      ];
    case 'rmsprop':
      return [
        math(tM('v'), eq(), rho(), dot(), tPrev('v'), plus(), oneMinus(rho()), dot(), g2()),
        math(theta(), eq(), thetaPrev(), minus(), eta(), dot(), frac(g(), row(sqrt(tM('v')), plus(), eps()))),
      ];
    case 'adadelta':
      return [
        math(tM('v'), eq(), rho(), dot(), tPrev('v'), plus(), oneMinus(rho()), dot(), g2()),
        math(tM('Δ'), eq(), frac(sqrt(tPrev('u'), plus(), eps()), sqrt(tM('v'), plus(), eps())), dot(), g()),
        math(tM('u'), eq(), rho(), dot(), tPrev('u'), plus(), oneMinus(rho()), dot(), subsup('Δ', mi('t'), mn('2'))),
        math(theta(), eq(), thetaPrev(), minus(), eta(), dot(), tM('Δ')),
      ];
    case 'adam':
      return [...adamMoments(), hatLine('m', tM('m')), hatLine('v', tM('v')), adamStep(thetaPrev())];
    case 'adamw':
      return [
        math(mi('θ′'), eq(), thetaPrev(), dot(), paren(mn('1'), minus(), eta(), dot(), mi('λ'))),
        ...adamMoments(), hatLine('m', tM('m')), hatLine('v', tM('v')), adamStep(mi('θ′')),
      ];
    case 'amsgrad':
      return [
        ...adamMoments(),
        math(subsup('v', 't', 'max'), eq(), mi('max'), paren(subsup('v', row(mi('t'), mo('−'), mn('1')), 'max'), mo(','), tM('v'))),
        hatLine('m', tM('m')), hatLine('v', subsup('v', 't', 'max')), adamStep(thetaPrev()),
      ];
    case 'nadam': {
      const d = () => row(sqrt(sub(hat('v'), mi('t'))), plus(), eps());
      return [
        math(tM('μ'), eq(), b1(), dot(), paren(mn('1'), minus(), frac(mn('1'), mn('2')), dot(), sup(mn('0.96'), row(mn('0.004'), dot(), mi('t'))))),
        math(tM('Π'), eq(), tPrev('Π'), dot(), tM('μ')),
        ...adamMoments(),
        hatLine('v', tM('v')),
        math(theta(), eq(), thetaPrev(), minus(),
          frac(row(eta(), dot(), oneMinus(tM('μ'))), row(mn('1'), minus(), tM('Π'))), dot(), frac(g(), d()),
          minus(),
          frac(row(eta(), dot(), sub('μ', row(mi('t'), plus(), mn('1')))), row(mn('1'), minus(), tM('Π'), dot(), sub('μ', row(mi('t'), plus(), mn('1'))))), dot(), frac(tM('m'), d())),
      ];
    }
    case 'adamax':
      return [
        math(tM('m'), eq(), b1(), dot(), tPrev('m'), plus(), oneMinus(b1()), dot(), g()),
        math(tM('u'), eq(), mi('max'), paren(b2(), dot(), tPrev('u'), mo(','), mo('|'), g(), mo('|'), plus(), eps())),
        math(theta(), eq(), thetaPrev(), minus(), frac(eta(), row(mn('1'), minus(), subsup('β', mn('1'), mi('t')))), dot(), frac(tM('m'), tM('u'))),
      ];
    case 'radam': {
      const bt = () => subsup('β', mn('2'), mi('t'));
      return [
        ...adamMoments(), hatLine('m', tM('m')),
        math(sub('ρ', mi('∞')), eq(), frac(mn('2'), row(mn('1'), minus(), b2())), minus(), mn('1'), mo(','), mspace(),
          tM('ρ'), eq(), sub('ρ', mi('∞')), minus(), frac(row(mn('2'), mi('t'), dot(), bt()), row(mn('1'), minus(), bt()))),
        math(tM('r'), eq(), sqrt(frac(row(paren(tM('ρ'), minus(), mn('4')), paren(tM('ρ'), minus(), mn('2')), sub('ρ', mi('∞'))),
          row(paren(sub('ρ', mi('∞')), minus(), mn('4')), paren(sub('ρ', mi('∞')), minus(), mn('2')), tM('ρ'))))),
        math(theta(), eq(), thetaPrev(), minus(), eta(), dot(), sub(hat('m'), mi('t')), dot(), tM('r'), dot(),
          frac(sqrt(mn('1'), minus(), bt()), row(sqrt(tM('v')), plus(), eps())), word('if'), tM('ρ'), mo('>'), mn('5')),
        math(theta(), eq(), thetaPrev(), minus(), eta(), dot(), sub(hat('m'), mi('t')), word('otherwise')),
      ];
    }
    case 'rprop': {
      const gg = () => row(g(), dot(), tPrev('g'));
      return [
        math(tM('s'), eq(), mi('η⁺'), word('if'), gg(), mo('>'), mn('0'), mo(','), mspace(), mi('η⁻'), word('if'), gg(), mo('<'), mn('0'), mo(','), mspace(), mn('1'), word('otherwise')),
        math(tM('δ'), eq(), mi('clamp'), paren(tPrev('δ'), dot(), tM('s'), mo(','), sub('δ', mi('min')), mo(','), sub('δ', mi('max'))), mspace(), mtext('('), sub('δ', mn('0')), eq(), eta(), mtext(')')),
        math(theta(), eq(), thetaPrev(), minus(), mi('sign'), paren(g()), dot(), tM('δ'), mspace(), mtext('('), g(), eq(), mn('0'), word('where'), tM('s'), eq(), mi('η⁻'), mtext(')')),
      ];
    }
    case 'newton':
      return [
        math(mi('λ'), eq(), mn('0'), mtext(' if '), sub('λ', mi('min')), paren(mi('H')), mo('≥'), mi('ε'), mtext(', else '),
          mi('max'), paren(mo('|'), sub('λ', mi('min')), mo('|'), mo(','), mi('ε')), minus(), sub('λ', mi('min'))),
        math(theta(), eq(), thetaPrev(), minus(), eta(), dot(), sup(paren(mi('H'), plus(), mi('λ'), mi('I')), row(mo('−'), mn('1'))), g()),
      ];
    default:
      return [];
  }
}

function mtext(s) { return leaf('mtext')(s); }
/** A translated word inside a formula, with a space either side (MathML drops plain spaces). */
function word(key) { return mtext(`\u00a0${t(`maths.w.${key}`)}\u00a0`); }
function mspace() { return node('mspace', [], { width: '1em' }); }

// --- this step's numbers ----------------------------------------------------------------------

/** Per component i: the rule's lines with the step's numbers, each ending in its value. */
export function numberLines(s, i, axis) {
  const T = (name) => (s.terms[name] || [NaN, NaN])[i];
  const before = (name) => {
    const e = s.before.find((x) => x.name === name);
    return e ? e.value[i] : NaN;
  };
  const p = s.params;
  const th = s.theta[i];
  const gi = s.grad[i];
  const lr = s.lr;
  const nx = s.recorded[i];
  const ax = (x) => sub(x, mi(axis));
  const dL = () => frac(row(mo('∂'), mi('L')), row(mo('∂'), mi(axis)));
  const final = (...rhs) => math(mi(axis), gets(), ...rhs);
  const lines = [];
  const gLine = math(ax('g'), eq(), dL(), eq(), R(gi, 'value'));
  switch (s.opt) {
    case 'gd':
      lines.push(final(mi(axis), minus(), eta(), dot(), dL(), eq(), N(th, false), minus(), N(lr), dot(), N(gi), eq(), R(nx)));
      break;
    case 'momentum':
    case 'nesterov': {
      if (!p.mom) {
        lines.push(final(mi(axis), minus(), eta(), dot(), dL(), eq(), N(th, false), minus(), N(lr), dot(), N(gi), eq(), R(nx)));
        break;
      }
      lines.push(gLine);
      const b = T('buf');
      if (s.t === 1) {
        lines.push(math(ax('b'), eq(), ax('g'), eq(), R(b, 'value')));
      } else {
        lines.push(math(ax('b'), eq(), mi('μ'), dot(), tPrev('b'), plus(), ax('g'), eq(), N(p.mom, false), dot(), N(before('momentum_buffer')), plus(), N(gi), eq(), R(b, 'value')));
      }
      if (s.opt === 'momentum') {
        lines.push(final(mi(axis), minus(), eta(), dot(), ax('b'), eq(), N(th, false), minus(), N(lr), dot(), N(b), eq(), R(nx)));
      } else {
        lines.push(final(mi(axis), minus(), eta(), dot(), paren(ax('g'), plus(), mi('μ'), dot(), ax('b')), eq(),
          N(th, false), minus(), N(lr), dot(), paren(N(gi, false), plus(), N(p.mom, false), dot(), N(b)), eq(), R(nx)));
      }
      break;
    }
    case 'adagrad':
      lines.push(gLine);
      lines.push(math(ax('s'), eq(), N(before('sum'), false), plus(), sup(N(gi), mn('2')), eq(), R(T('sum'), 'value')));
      lines.push(final(N(th, false), minus(), N(lr), dot(), frac(N(gi, false), row(sqrt(N(T('sum'), false)), plus(), N(p.eps, false))), eq(), R(nx)));
      break;
    case 'rmsprop':
      lines.push(gLine);
      lines.push(math(ax('v'), eq(), N(p.rho, false), dot(), N(before('square_avg')), plus(), N(1 - p.rho), dot(), sup(N(gi), mn('2')), eq(), R(T('v'), 'value')));
      lines.push(final(N(th, false), minus(), N(lr), dot(), frac(N(gi, false), row(sqrt(N(T('v'), false)), plus(), N(p.eps, false))), eq(), R(nx)));
      break;
    case 'adadelta':
      lines.push(gLine);
      lines.push(math(ax('v'), eq(), N(p.rho, false), dot(), N(before('square_avg')), plus(), N(1 - p.rho), dot(), sup(N(gi), mn('2')), eq(), R(T('v'), 'value')));
      lines.push(math(ax('Δ'), eq(), frac(sqrt(N(T('u_prev'), false), plus(), N(p.eps, false)), sqrt(N(T('v'), false), plus(), N(p.eps, false))), dot(), N(gi), eq(), R(T('delta'), 'value')));
      lines.push(math(ax('u'), eq(), N(p.rho, false), dot(), N(T('u_prev')), plus(), N(1 - p.rho), dot(), sup(N(T('delta')), mn('2')), eq(), R(T('u'), 'value')));
      lines.push(final(N(th, false), minus(), N(lr), dot(), N(T('delta')), eq(), R(nx)));
      break;
    case 'adam':
    case 'adamw':
    case 'amsgrad':
    case 'nadam': {
      lines.push(gLine);
      let from = N(th, false);
      if (s.opt === 'adamw') {
        lines.push(math(mi(`${axis}′`), eq(), N(th, false), dot(), paren(mn('1'), minus(), N(lr, false), dot(), N(p.wd, false)), eq(), R(T('decayed'), 'value')));
        from = N(T('decayed'), false);
      }
      lines.push(math(ax('m'), eq(), N(p.b1, false), dot(), N(before('exp_avg')), plus(), N(1 - p.b1), dot(), N(gi), eq(), R(T('m'), 'value')));
      lines.push(math(ax('v'), eq(), N(p.b2, false), dot(), N(before('exp_avg_sq')), plus(), N(1 - p.b2), dot(), sup(N(gi), mn('2')), eq(), R(T('v'), 'value')));
      let vv = T('v');
      if (s.opt === 'amsgrad') {
        lines.push(math(sup(ax('v'), mi('max')), eq(), mi('max'), paren(N(before('max_exp_avg_sq'), false), mo(','), N(T('v'), false)), eq(), R(T('v_max'), 'value')));
        vv = T('v_max');
      }
      if (s.opt === 'nadam') {
        lines.push(math(tM('μ'), eq(), R(T('mu'), 'value'), mo(','), mspace(), sub('μ', row(mi('t'), plus(), mn('1'))), eq(), R(T('mu_next'), 'value'), mo(','), mspace(),
          tM('Π'), eq(), R(T('mu_product'), 'value')));
        lines.push(math(ax(hat('v')), eq(), frac(N(vv, false), row(mn('1'), minus(), sup(N(p.b2, false), mn(String(s.t))))), eq(), R(T('v_hat'), 'value')));
        const d = () => row(sqrt(N(T('v_hat'), false)), plus(), N(p.eps, false));
        lines.push(final(N(th, false), minus(), N(T('c1'), false), dot(), frac(N(gi, false), d()), minus(), N(T('c2'), false), dot(), frac(N(T('m'), false), d()), eq(), R(nx)));
        break;
      }
      lines.push(math(ax(hat('m')), eq(), frac(N(T('m'), false), row(mn('1'), minus(), sup(N(p.b1, false), mn(String(s.t))))), eq(), R(T('m_hat'), 'value')));
      lines.push(math(ax(hat('v')), eq(), frac(N(vv, false), row(mn('1'), minus(), sup(N(p.b2, false), mn(String(s.t))))), eq(), R(T('v_hat'), 'value')));
      lines.push(final(from, minus(), N(lr), dot(), frac(N(T('m_hat'), false), row(sqrt(N(T('v_hat'), false)), plus(), N(p.eps, false))), eq(), R(nx)));
      break;
    }
    case 'adamax':
      lines.push(gLine);
      lines.push(math(ax('m'), eq(), N(p.b1, false), dot(), N(before('exp_avg')), plus(), N(1 - p.b1), dot(), N(gi), eq(), R(T('m'), 'value')));
      lines.push(math(ax('u'), eq(), mi('max'), paren(N(p.b2, false), dot(), N(before('exp_inf')), mo(','), mo('|'), N(gi, false), mo('|'), plus(), N(p.eps, false)), eq(), R(T('u'), 'value')));
      lines.push(final(N(th, false), minus(), N(T('clr'), false), dot(), frac(N(T('m'), false), N(T('u'), false)), eq(), R(nx)));
      break;
    case 'radam': {
      lines.push(gLine);
      lines.push(math(ax('m'), eq(), N(p.b1, false), dot(), N(before('exp_avg')), plus(), N(1 - p.b1), dot(), N(gi), eq(), R(T('m'), 'value')));
      lines.push(math(ax('v'), eq(), N(p.b2, false), dot(), N(before('exp_avg_sq')), plus(), N(1 - p.b2), dot(), sup(N(gi), mn('2')), eq(), R(T('v'), 'value')));
      lines.push(math(ax(hat('m')), eq(), frac(N(T('m'), false), row(mn('1'), minus(), sup(N(p.b1, false), mn(String(s.t))))), eq(), R(T('m_hat'), 'value')));
      if (i === 0) lines.push(math(tM('ρ'), eq(), R(T('rho_t'), 'value'), mo(s.terms.rect ? '>' : '≤'), mn('5')));
      if (s.terms.rect) {
        const l = T('adaptive');
        lines.push(final(N(th, false), minus(), N(lr), dot(), N(T('m_hat')), dot(), N(T('rect'), false), dot(), N(l), eq(), R(nx)));
      } else {
        lines.push(final(N(th, false), minus(), N(lr), dot(), N(T('m_hat')), eq(), R(nx)));
      }
      break;
    }
    case 'rprop': {
      lines.push(gLine);
      const prevStep = s.t === 1 ? lr : before('step_size');
      lines.push(math(ax('g'), dot(), sub('g′', mi(axis)), eq(), N(gi, false), dot(), N(before('prev')), mo('⇒'), ax('s'), eq(), R(T('factor'), 'value')));
      lines.push(math(ax('δ'), eq(), mi('clamp'), paren(N(prevStep, false), dot(), N(T('factor'), false), mo(','), N(p.stepmin, false), mo(','), N(p.stepmax, false)), eq(), R(T('step_size'), 'value')));
      lines.push(final(N(th, false), minus(), mi('sign'), paren(N(T('g_used'), false)), dot(), N(T('step_size')), eq(), R(nx)));
      break;
    }
    case 'newton': {
      lines.push(gLine);
      if (i === 0) {
        const h = s.hess || [[NaN, NaN], [NaN, NaN]];
        const mat = node('mtable', h.map((r) => node('mtr', r.map((v) => node('mtd', [N(v, false)])))));
        lines.push(math(mi('H'), eq(), paren(mat), mo(','), mspace(), mi('λ'), eq(), R(T('lambda'), 'value')));
      }
      lines.push(math(sub(paren(sup(paren(mi('H'), plus(), mi('λ'), mi('I')), row(mo('−'), mn('1'))), mi('g')), mi(axis)), eq(), R(T('dir'), 'value')));
      lines.push(final(N(th, false), minus(), N(lr), dot(), N(T('dir')), eq(), R(nx)));
      break;
    }
    default:
      break;
  }
  return lines;
}

// --- the panel ------------------------------------------------------------------------------

const STATE_ORDER = ['momentum_buffer', 'sum', 'square_avg', 'acc_delta', 'exp_avg', 'exp_avg_sq', 'max_exp_avg_sq', 'exp_inf', 'mu_product', 'prev', 'step_size', 'newton_lambda', 'last_step', 'effective_lr'];

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
    const key = `${this.app.pg.settings()}|${k}|${this.app.pg.len()}`;
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
    for (const m of ruleLines(s.opt, s.params)) rule.append(wrap(m));
    sec.append(rule);
    if ((s.opt === 'momentum' || s.opt === 'nesterov')) {
      if (!s.params.mom) sec.append(h('p', t('maths.nomom'), 'maths-note'));
      else if (s.t === 1) sec.append(h('p', t('maths.first'), 'maths-note'));
    }
    if (s.opt === 'radam') sec.append(h('p', t(s.terms.rect ? 'maths.radam.on' : 'maths.radam.off'), 'maths-note'));
    if (s.opt === 'rprop' && s.t === 1) sec.append(h('p', t('maths.rprop.first'), 'maths-note'));

    sec.append(h('h3', t('maths.numbers')));
    if (s.dim === 1) sec.append(h('p', t('maths.one_d'), 'maths-note'));
    for (const i of comps) {
      const box = h('div', undefined, 'maths-numbers');
      box.dataset.component = String(i);
      for (const m of numberLines(s, i, names[i])) box.append(wrap(m));
      sec.append(box);
    }

    sec.append(h('h3', t('maths.state')));
    const table = h('table', undefined, 'maths-state');
    const thead = h('thead');
    const hr = h('tr');
    hr.append(h('th', t('maths.quantity')), h('th', t('maths.before')), h('th', t('maths.after')));
    thead.append(hr);
    const tbody = h('tbody');
    const cell = (v) => {
      const td = h('td');
      for (const i of comps) td.append(h('span', fmtNum(v[i]), 'maths-comp'));
      td.dataset.value = JSON.stringify(comps.map((i) => v[i]));
      return td;
    };
    const addRow = (name, label, a, b) => {
      const tr = h('tr');
      tr.dataset.name = name;
      tr.append(h('th', label), a ? cell(a) : h('td', '–'), b ? cell(b) : h('td', '–'));
      tbody.append(tr);
    };
    addRow('gradient', t('maths.gradient'), null, s.grad);
    const after = new Map(s.after.map((x) => [x.name, x.value]));
    const before = new Map(s.before.map((x) => [x.name, x.value]));
    for (const name of STATE_ORDER) {
      if (!after.has(name)) continue;
      // Scalars are given as [x, x]: show one.
      const scalar = name === 'mu_product' || name === 'newton_lambda';
      const one = (v) => (v && scalar ? [v[0], v[0]] : v);
      const fresh = s.t === 1 && (name === 'last_step' || name === 'effective_lr');
      addRow(name, t(`state.${name}`), fresh ? null : one(before.get(name)), one(after.get(name)));
    }
    for (const name of ['bc1', 'bc2', 'm_hat', 'v_hat', 'rho_t', 'rect']) {
      if (s.terms[name]) addRow(name, t(`term.${name}`), null, s.terms[name]);
    }
    table.append(thead, tbody);
    const scroll = h('div', undefined, 'maths-scroll');
    scroll.append(table);
    sec.append(scroll);
  }
}

/**
 * A math line as a wrapping row of <math> pieces, split before each top-level "=" or "←",
 * so that on a narrow screen "= 0.9·0.066 + …" and "= 9.153" go to the next line instead of
 * off the edge (MathML Core does not break lines itself).
 */
function wrap(m) {
  const d = h('div', undefined, 'maths-line');
  const parts = [[]];
  for (const k of [...m.firstChild.childNodes]) {
    const rel = k.localName === 'mo' && (k.textContent === '=' || k.textContent === '←');
    if (rel && parts[parts.length - 1].length) parts.push([]);
    parts[parts.length - 1].push(k);
  }
  for (const p of parts) d.append(node('math', [row(...p)]));
  return d;
}
