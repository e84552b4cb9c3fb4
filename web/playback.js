// Playback: Step, Play/Pause, Reset, speed (1…1000 steps per frame, logarithmic), the
// timeline slider, and the keyboard (Space, →, ←, R) when no form field has the focus.

import { t, onLangChange } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** Whether a key press belongs to a form field (so it must not drive playback). */
function typing(target) {
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = target.type;
    return !['button', 'submit', 'reset'].includes(type); // checkboxes keep their own Space
  }
  return false;
}

export class Playback {
  constructor(app) {
    this.app = app;
    this.playBtn = $('play');
    this.timeline = $('timeline');
    this.speed = $('speed');
    this.speedOut = $('speed-out');

    $('step').addEventListener('click', () => { app.pause(); app.stepBy(1); });
    this.playBtn.addEventListener('click', () => app.toggle());
    $('reset').addEventListener('click', () => app.reset());
    this.timeline.addEventListener('input', () => { app.pause(); app.seek(Number(this.timeline.value)); });
    this.speed.addEventListener('input', () => this.readSpeed());
    this.readSpeed();
    onLangChange(() => { this.readSpeed(); this.sync(); });

    document.addEventListener('keydown', (e) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const space = e.key === ' ' || e.code === 'Space';
      const onRange = e.target instanceof HTMLInputElement && e.target.type === 'range';
      const reset = e.key === 'r' || e.key === 'R';
      // On a slider the arrows stay native (they move it); Space and R mean nothing there.
      if (typing(e.target) && !(onRange && (space || reset))) return;
      if (document.querySelector('dialog[open]')) return;
      if (space) {
        // A focused button would also "click" on Space; handle it here only.
        e.preventDefault();
        app.toggle();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        app.pause();
        app.stepBy(1);
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        app.pause();
        app.stepBy(-1);
      } else if (reset) {
        e.preventDefault();
        app.reset();
      }
    });
    // Space on a focused button fires click on keyup; stop that double toggle.
    document.addEventListener('keyup', (e) => {
      if ((e.key === ' ' || e.code === 'Space') && !typing(e.target) && e.target instanceof HTMLButtonElement) e.preventDefault();
    });
  }

  readSpeed() {
    const s = Math.max(1, Math.min(1000, Math.round(10 ** Number(this.speed.value))));
    this.app.speed = s;
    this.speedOut.textContent = String(s);
    this.speed.setAttribute('aria-valuetext', t('playback.speed.value', { n: s }));
  }

  /** Mirrors the app's state: button text, timeline range and position. */
  sync() {
    const app = this.app;
    const text = t(app.playing ? 'playback.pause' : 'playback.play');
    if (this.playBtn.textContent !== text) this.playBtn.textContent = text;
    this.playBtn.setAttribute('aria-pressed', app.playing ? 'true' : 'false');
    const max = String(Math.max(0, app.last()));
    if (this.timeline.max !== max) this.timeline.max = max;
    const v = String(app.cursor);
    if (this.timeline.value !== v) this.timeline.value = v;
    this.timeline.setAttribute('aria-valuetext', t('playback.timeline.value', { k: app.cursor, n: max }));
  }
}
