// The embed's own page (embed=1): which optional parts it shows (parts=, as body classes
// part-* that style.css reads), the banner lines for unknown part names, the height the
// content needs (for a host that sizes the iframe to it) and the iframe heights the Embed
// dialog writes into its snippets.

import { register, t } from './i18n.js';
import { EMBED_PARTS } from './state.js';

register({
  en: {
    'part.readout': 'Full read-out',
    'part.readout.tip': '‖g‖, the learning rate and the status sentence, beside step, θ and loss',
    'part.loss': 'Loss chart',
    'part.loss.tip': 'The loss against the step, under the figure',
    'part.maths': 'Step-by-step maths',
    'part.maths.tip': 'The update rule with this step’s numbers, open, with its toggle',
    'part.data': 'Data view',
    'part.data.tip': 'The data and the model beside the surface (data models only)',
    'problem.unknown_part': 'not a part of an embed, ignored; the parts are {parts}',
  },
  zh: {
    'part.readout': '完整读数',
    'part.readout.tip': '除步数、θ 和损失外，还显示 ‖g‖、学习率和状态说明',
    'part.loss': '损失曲线',
    'part.loss.tip': '图下方的损失—步数曲线',
    'part.maths': '逐步计算',
    'part.maths.tip': '展开显示代入本步数值的更新公式，并带开关按钮',
    'part.data': '数据视图',
    'part.data.tip': '曲面旁显示数据与模型（仅限数据模型）',
    'problem.unknown_part': '不是嵌入页面的组成部分，已忽略；可用的部分为 {parts}',
  },
});

/**
 * The banner's lines for the unknown names of `parts=`, as problems the page's banner words
 * (a warning: nothing else changes), as data: `problemLine` words them when shown.
 */
export function partProblems(page) {
  // A page-side problem code, worded like the core's (`problem.<code>`, the list from its argument).
  return (page.problems || []).map(({ key, value }) => ({
    key,
    value,
    severity: 'warning',
    detail: { code: 'unknown_part', parts: [...EMBED_PARTS] },
  }));
}

/** Sets the body classes of the parts an embed shows (none outside embed mode). */
export function applyParts(page) {
  const on = page.embed ? new Set(page.parts || []) : new Set();
  for (const part of EMBED_PARTS) document.body.classList.toggle(`part-${part}`, on.has(part));
}

/** How far the visible children of `box` reach below its top (CSS px). */
function contentHeight(box) {
  const top = box.getBoundingClientRect().top;
  let bottom = top;
  for (const el of box.children) {
    if (el.offsetParent === null) continue;
    bottom = Math.max(bottom, el.getBoundingClientRect().bottom);
  }
  return bottom - top;
}

/**
 * The height (CSS px) the embed's content needs: the page as laid out, with the surface (and
 * the data view) at their natural 4:3 instead of the height the iframe leaves them, and the
 * side column unscrolled; measured from the content, not the body (which fills the frame), so
 * it shrinks too. Outside embed mode, the document's height.
 */
export function embedHeight() {
  const doc = document.documentElement;
  const body = document.body;
  const layout = document.querySelector('body > .layout');
  const figure = layout && layout.querySelector(':scope > .figure');
  if (!body.classList.contains('embed') || !figure) return Math.max(doc.scrollHeight, Math.ceil(body.getBoundingClientRect().height));
  const columns = getComputedStyle(figure).gridTemplateColumns.split(' ').map(parseFloat).filter((x) => x > 0);
  const column = columns.length ? Math.min(...columns) : figure.clientWidth;
  const stacked = columns.length < 2;
  let grow = 0;
  for (const el of figure.querySelectorAll(':scope > .surface, :scope > .dataview')) {
    if (el.offsetParent === null) continue;
    const delta = column * 0.75 - el.getBoundingClientRect().height;
    if (stacked) grow += delta; else grow = Math.max(grow, delta);
  }
  const side = layout.querySelector(':scope > .panel');
  const sideHeight = side && side.offsetParent !== null ? contentHeight(side) : 0;
  const top = layout.getBoundingClientRect().top + window.scrollY;
  const padding = parseFloat(getComputedStyle(body).paddingBottom) || 0;
  return Math.max(1, Math.ceil(top + Math.max(contentHeight(figure) + grow, sideHeight) + padding));
}

/**
 * The iframe height (CSS px) for a snippet: room for the figure, the playback bar, the compact
 * read-out and the `controls` (keys; lr has a slider too), plus each part; the maths panel
 * grows with the optimizer's update rule (`formulaLines`, the catalog's formula). Checked at
 * 360 and 800 px wide in tests/e2e/embed.spec.mjs: everything shows unscrolled, the surface at
 * least 200 px high.
 */
export function snippetHeight({ parts = [], controls = ['lr', 'opt'], formulaLines = 6 } = {}) {
  let h = 440 + 45 * controls.length + (controls.includes('lr') ? 30 : 0);
  if (parts.includes('readout')) h += 50;
  if (parts.includes('loss')) h += 130;
  if (parts.includes('data')) h += 260;
  if (parts.includes('maths')) h += 620 + 150 * formulaLines;
  return h;
}

/**
 * Calls `report(height)` with embedHeight() when it changes: when the page's parts change
 * size, appear or move, and when the window does. For a host that sizes the iframe to its
 * content (embedapi.js's `resize`); returns a function that stops watching.
 */
export function watchEmbedHeight(report) {
  let last = 0;
  let queued = false;
  const measure = () => {
    queued = false;
    const h = embedHeight();
    if (h !== last) {
      last = h;
      report(h);
    }
  };
  const soon = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(measure);
  };
  const observer = new ResizeObserver(soon);
  for (const el of document.querySelectorAll('body, .layout, .layout > *, .figure > *, .panel > *, #controls')) observer.observe(el);
  window.addEventListener('resize', soon);
  measure();
  return () => {
    observer.disconnect();
    window.removeEventListener('resize', soon);
  };
}
