// Places the few elements whose spot depends on the screen's width (the width at which
// style.css stacks the side panel under the figure). Wide: the lesson's caption and the maths
// panel head the side panel, beside the figure and above the fold. Narrow: the caption above
// the figure, the optimizer and learning rate right under the playback bar, and the maths
// panel right under the read-out, instead of a screen or more below the plot. An embed
// (body.embed) keeps its controls together: from EMBED_WIDE up the read-out and the controls
// stand beside the figure, below it they follow the playback bar; the maths stays under the
// figure.
// Elements are moved, never copied: each keeps its listeners, id and state.

/** The media query at which style.css stacks the layout. */
export const NARROW = '(max-width: 900px)';

/** The media query from which an embed puts its read-out and controls beside the figure. */
export const EMBED_WIDE = '(min-width: 600px)';

/** Control rows that move under the playback bar on narrow screens, in panel order. */
const QUICK_KEYS = ['opt', 'lr'];

export class Placement {
  constructor() {
    const $ = (id) => document.getElementById(id);
    this.lesson = $('lesson');
    this.maths = $('maths');
    this.quick = $('quick');
    this.readout = document.querySelector('.figure .readout');
    this.figure = document.querySelector('.layout .figure');
    this.panel = document.querySelector('.layout .panel');
    this.form = $('controls');
    this.playback = document.querySelector('.figure .playback');
    this.tools = document.querySelector('.figure .tools');
    // Where each quick row lives in the panel, to put it back on wide screens.
    this.rows = QUICK_KEYS
      .map((key) => document.querySelector(`#controls .row[data-key="${key}"]`))
      .filter(Boolean)
      .map((row) => ({ row, home: row.parentNode, before: row.nextSibling }));
    this.media = window.matchMedia(NARROW);
    this.media.addEventListener('change', () => this.place());
    this.wide = window.matchMedia(EMBED_WIDE);
    this.wide.addEventListener('change', () => this.place());
    this.placed = null;
    this.place();
  }

  /**
   * Moves everything to its place for the current width and mode (nothing when it is already
   * there); called again when embed mode changes.
   */
  place() {
    const narrow = this.media.matches;
    const embed = document.body.classList.contains('embed');
    const wide = this.wide.matches;
    const key = embed ? `embed-${wide}` : `page-${narrow}`;
    if (key === this.placed) return;
    this.placed = key;
    // Home first: the rows in the panel's form, the read-out before the optional parts, the
    // form at the top of the panel's settings.
    this.home();
    if (embed) {
      if (wide) {
        if (this.panel && this.form) this.form.before(this.readout);
      } else if (this.playback) {
        this.playback.after(this.readout);
        this.readout.after(this.form);
      }
      if (this.quick) this.quick.hidden = true;
      return;
    }
    if (narrow) {
      if (this.lesson && this.figure) this.figure.before(this.lesson);
      if (this.maths && this.readout) this.readout.after(this.maths);
      if (this.quick) for (const { row } of this.rows) this.quick.append(row);
    } else if (this.panel) {
      if (this.maths) this.panel.prepend(this.maths);
      if (this.lesson) this.panel.prepend(this.lesson);
    }
    if (this.quick) this.quick.hidden = !narrow || !this.rows.length;
  }

  /** Everything that moves, back where index.html has it. */
  home() {
    // Back in reverse order, so that each row's old next sibling is home again first.
    for (const { row, home, before } of [...this.rows].reverse()) {
      home.insertBefore(row, before && before.parentNode === home ? before : null);
    }
    if (this.quick && this.readout) this.quick.after(this.readout);
    if (this.tools && this.maths) this.tools.after(this.maths);
    if (this.panel && this.form) {
      const compare = this.panel.querySelector(':scope > #compare');
      this.panel.insertBefore(this.form, compare);
    }
    if (this.panel && this.lesson) this.panel.prepend(this.lesson);
  }
}
