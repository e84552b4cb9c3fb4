// Presenter mode (present=1 in the link, or the header's Present button): for a projector.
// The settings panel and the page's extras step aside, leaving the figure, the playback bar
// and a big read-out; the figures draw their text and lines PRESENT_SCALE times larger
// (canvas.js), over the same colour-blind-safe palette (viridis, and runs told apart by
// dashes and markers as well as colour) with heavier casings. Keys: → and ← step, Space
// plays, R resets (playback.js), F fills the screen, Esc leaves presenter mode.

import { setStyleScale, PRESENT_SCALE } from './canvas.js';
import { t, onLangChange } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** The header's Present button and presenter mode's keys; `app.setPresent` does the work. */
export class Presenter {
  constructor(app) {
    this.app = app;
    this.button = $('present');
    this.button.addEventListener('click', () => app.setPresent(!this.on));
    document.addEventListener('keydown', (e) => {
      if (!this.on || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      const typing = e.target instanceof HTMLElement && e.target.closest('input:not([type=range]), textarea, select, [contenteditable]');
      if (typing) return;
      if (e.key === 'Escape') {
        // Esc first leaves full screen (the browser does that itself); then presenter mode.
        if (document.fullscreenElement) return;
        e.preventDefault();
        app.setPresent(false);
      } else if (e.key === 'f' || e.key === 'F') {
        e.preventDefault();
        this.fullscreen();
      }
    });
    onLangChange(() => this.label());
    this.on = false;
    this.label();
  }

  /** Shows presenter mode on or off: the body class, the figures' scale, the button. */
  show(on) {
    this.on = !!on;
    document.body.classList.toggle('present', this.on);
    setStyleScale(this.on ? PRESENT_SCALE : 1);
    this.button.setAttribute('aria-pressed', String(this.on));
    this.label();
  }

  /** The button says what it will do. */
  label() {
    this.button.textContent = t(this.on ? 'present.exit' : 'present.enter');
    this.button.title = t(this.on ? 'present.exit.tip' : 'present.enter.tip');
  }

  /** Toggles full screen (where the browser allows it; a refusal is only a no-op). */
  fullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen().catch(() => {});
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(() => {});
    }
  }
}
