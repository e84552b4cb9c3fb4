// The page's words in English and 简体中文. Each module registers its own strings with
// `register`, looks them up with `t`, and marks static HTML with data-i18n attributes.

/** The languages the page speaks; the first is the fallback. */
export const LANGS = ['en', 'zh'];

const tables = { en: {}, zh: {} };
let current = 'en';
const listeners = [];

/** Adds strings: `register({ en: { key: 'text' }, zh: { key: '文字' } })`. */
export function register(table) {
  for (const lang of LANGS) Object.assign(tables[lang], table[lang] || {});
}

/** The string for `key` in the current language, with `{name}` filled from `vars`. */
export function t(key, vars = {}) {
  const text = tables[current][key] ?? tables.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Whether `key` has a string in `lng` (the current language by default). */
export function has(key, lng = current) {
  return Object.prototype.hasOwnProperty.call(tables[lng] || {}, key);
}

/** The keys registered for a language (for tests that compare the tables). */
export function keys(lng) {
  return Object.keys(tables[lng] || {});
}

/** The current language. */
export function lang() {
  return current;
}

/** The browser's preferred language among ours. */
export function browserLang() {
  const prefs = navigator.languages || [navigator.language || 'en'];
  for (const p of prefs) {
    const base = String(p).toLowerCase().split('-')[0];
    if (LANGS.includes(base)) return base;
  }
  return 'en';
}

/** Switches the language and re-labels the document; listeners redraw what they own. */
export function setLang(next, root = document) {
  current = LANGS.includes(next) ? next : 'en';
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  translate(root);
  for (const fn of listeners) fn(current);
}

/** Calls `fn(lang)` after every language switch. */
export function onLangChange(fn) {
  listeners.push(fn);
}

/**
 * Fills marked elements: data-i18n (text), data-i18n-title, data-i18n-aria (aria-label),
 * data-i18n-placeholder. Text goes in with textContent, never as HTML.
 */
export function translate(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
}
