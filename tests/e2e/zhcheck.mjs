// The checks of Chinese text shared by zh.spec.mjs: half-width punctuation in Chinese
// sentences, spaces after full-width punctuation, and English words left untranslated.

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';

/** Names that stay as they are in Chinese: optimizers, products, keys, symbols, and the
 * language menu's endonym English. */
const KEPT = new Set(['Descent', 'English', 'AdaGrad', 'RMSProp', 'AdaDelta', 'Adam', 'AdamW', 'AMSGrad', 'NAdam',
  'Nesterov', 'Rosenbrock', 'Himmelblau', 'Beale', 'Booth', 'Rastrigin', 'iframe', 'Ctrl', 'CSV', 'JSON', 'PNG', 'GIF', 'GD', 'SGD',
  'linreg', 'logreg', 'linreg2', 'gd', 'lr', 'T_max', 'PyTorch', 'Python', 'MathML']);

/** English words that must not be left in a Chinese sentence. */
const ENGLISH = /\b(tol|max|min|step|steps|loss|the|and|or|of|to|is|none|standard|full|mini|sgd|off|on|T max)\b/;

const rules = [
  ['half-width punctuation next to Chinese', new RegExp(`[${CJK}][,;:!?]|[,;:!?][${CJK}]|[${CJK}]\\.(?![0-9])`)],
  ['half-width parenthesis next to Chinese', new RegExp(`[${CJK}][()]|[()][${CJK}]|[${CJK}] \\([A-Za-z]{2,}`)],
  ['a space after full-width punctuation', /[。，；：！？、] +\S/],
  ['a space before full-width punctuation', /\S +[。，；：！？、）]/],
];

/**
 * The faults of one Chinese string (`where` names it): [] when clean. Strings without Chinese
 * are labels made of symbols or names, and must not be English words. `codes` says the string
 * lists what a link may hold (on 或 off): those are values to type, not words to translate.
 */
export function zhFaults(text, where = '', { codes = false } = {}) {
  const s = String(text);
  const faults = [];
  const chinese = new RegExp(`[${CJK}]`).test(s);
  if (chinese) {
    for (const [what, re] of rules) {
      const m = re.exec(s);
      if (m) faults.push(`${where}: ${what}: “…${s.slice(Math.max(0, m.index - 8), m.index + 10)}…” in “${s}”`);
    }
  }
  // English words: outside `code` (key=value, formulas, {placeholders}) and kept names.
  const prose = s.replace(/\{[^}]*\}/g, ' ').replace(/[A-Za-z_0-9]+=[^\s，。；、]*/g, ' ');
  const words = (prose.match(/[A-Za-z][A-Za-z_]+(?: max)?/g) || []).filter((w) => !KEPT.has(w) && !w.includes('_'));
  if (codes) return faults;
  if (chinese) {
    const m = ENGLISH.exec(words.join(' '));
    if (m) faults.push(`${where}: English “${m[0]}” left in “${s}”`);
  } else if (words.length && s.trim()) {
    faults.push(`${where}: untranslated “${s}”`);
  }
  return faults;
}
