// The gradient cloud (cloud=on): its toggle, built from the codec's field (its label and tip
// from strings.js, shown where info().applies lists it: a noisy gradient on a 2-D surface),
// and its read-out: ‖mean‖, the trace of the covariance, the cosine between this step's
// gradient and the full one, and a note saying what the cloud is made of and when it was
// decimated. Every number and pixel comes from the core (Playground.cloud_at); the figure
// crate draws it on the overlay. This module only words and places it.

import { t, onLangChange } from './i18n.js';
import { fmt } from './readout.js';

const $ = (id) => document.getElementById(id);

/** A count with thousands separators, the same in both languages. */
const count = (n) => new Intl.NumberFormat('en-US').format(n);

export class CloudView {
  constructor(app) {
    this.app = app;
    this.field = (app.pg.catalog().fields || []).find((f) => f.key === 'cloud') || null;
    this.label = document.createElement('label');
    this.label.className = 'resid cloud-toggle';
    this.label.hidden = true;
    this.input = document.createElement('input');
    this.input.type = 'checkbox';
    this.input.id = 'cloud';
    this.text = document.createElement('span');
    this.label.htmlFor = 'cloud';
    this.label.append(this.input, ' ', this.text);
    const resid = $('resid-label');
    if (resid) resid.after(this.label);
    this.input.addEventListener('change', () => app.setView('cloud', this.input.checked ? 'on' : 'off'));

    // The read-out's rows, after lr, and the note under them.
    const dl = document.querySelector('.readout dl');
    this.rows = {};
    for (const name of ['mean', 'trace', 'cos']) {
      const div = document.createElement('div');
      div.className = 'cloud-row';
      div.hidden = true;
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dd.id = `ro-cloud-${name}`;
      dd.dataset.testid = `cloud-${name}`;
      div.append(dt, dd);
      if (dl) dl.append(div);
      this.rows[name] = { div, dt, dd };
    }
    this.note = document.createElement('p');
    this.note.className = 'cloud-note';
    this.note.dataset.testid = 'cloud-note';
    this.note.hidden = true;
    if (dl) dl.after(this.note);
    this.last = null;
    onLangChange(() => { this.words(); this.last = null; });
    this.words();
  }

  words() {
    this.text.textContent = t('c.cloud');
    this.label.title = t('c.cloud.tip');
    for (const [name, r] of Object.entries(this.rows)) {
      r.dt.textContent = t(`cloud.${name}`);
      r.dt.title = t(`cloud.${name}.tip`);
    }
  }

  /** Whether the toggle applies: the codec says so (a noisy gradient), on the flat 2-D surface. */
  applies() {
    const info = this.app.info;
    if (!this.field || !info || info.dim !== 2) return false;
    return (info.applies || []).includes('cloud') && this.app.pg.value('view') !== '3d';
  }

  sync() {
    const applies = this.applies();
    this.label.hidden = !applies;
    this.input.checked = this.app.pg.value('cloud') === 'on';
    this.on = applies && this.input.checked;
    for (const r of Object.values(this.rows)) r.div.hidden = !this.on;
    this.note.hidden = !this.on;
    this.last = null;
  }

  /** Fills the read-out for the cloud at step k (what the overlay drew this frame). */
  draw(k) {
    if (!this.on) return;
    // Once per step shown and run (the core caches the cloud; this spares passing it over).
    const key = `${k}|${this.app.linkSettings()}|${this.app.pg.surface_key()}`;
    if (this.last === key) return;
    this.last = key;
    const c = this.app.pg.cloud_at(k, false);
    if (!c) {
      for (const r of Object.values(this.rows)) r.dd.textContent = '–';
      this.note.textContent = '';
      return;
    }
    this.rows.mean.dd.textContent = fmt(c.mean_norm);
    this.rows.trace.dd.textContent = fmt(c.trace);
    this.rows.cos.dd.textContent = c.cosine === null ? '–' : fmt(c.cosine);
    const words = { count: count(c.count), shown: count(c.shown), epoch: c.epoch };
    const note = c.source === 'noise' ? 'cloud.noise' : c.decimated ? 'cloud.decimated' : 'cloud.batches';
    this.note.textContent = t(note, words);
    this.note.dataset.decimated = String(c.decimated);
  }
}
