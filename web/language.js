// The page's language: lang= from the link, else the browser's; the header menu switches it
// live. The choice goes through the playground as the view key `lang`, so it travels in the
// link and never recomputes the run.

import { setLang, lang, browserLang, onLangChange } from './i18n.js';
import './strings.js';

const $ = (id) => document.getElementById(id);

export class Language {
  constructor(app) {
    this.app = app;
    this.menu = $('lang');
    this.lessons = $('lessons-link');
    setLang(this.wanted());
    this.menu.value = lang();
    this.menu.addEventListener('change', () => this.choose(this.menu.value));
    onLangChange(() => this.relink());
    this.relink();
  }

  /** The language the link asks for, or the browser's. */
  wanted() {
    return this.app.pg.value('lang') || browserLang();
  }

  /** Switches to `next` and records it in the link (a view key: the run stays). */
  choose(next) {
    this.app.setView('lang', next);
  }

  /** Follows the settings (after a menu choice, a new link or a hash edit). */
  sync() {
    const want = this.wanted();
    if (want !== lang()) setLang(want);
    if (this.menu.value !== lang()) this.menu.value = lang();
  }

  /** The gallery link opens in the same language. */
  relink() {
    if (this.lessons) this.lessons.href = `./lessons.html#lang=${lang()}`;
  }
}
