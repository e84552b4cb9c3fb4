// Places the few elements whose spot depends on the screen's width (the width at which
// style.css stacks the side panel under the figure). Wide: the lesson's caption and the maths
// panel head the side panel, beside the figure and above the fold. Narrow: the caption above
// the figure, the optimizer and learning rate right under the playback bar, and the maths
// panel right under the read-out, instead of a screen or more below the plot.
// Elements are moved, never copied: each keeps its listeners, id and state.

/** The media query at which style.css stacks the layout. */
export const NARROW = '(max-width: 900px)';

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
    // Where each quick row lives in the panel, to put it back on wide screens.
    this.rows = QUICK_KEYS
      .map((key) => document.querySelector(`#controls .row[data-key="${key}"]`))
      .filter(Boolean)
      .map((row) => ({ row, home: row.parentNode, before: row.nextSibling }));
    this.media = window.matchMedia(NARROW);
    this.media.addEventListener('change', () => this.place());
    this.narrow = null;
    this.place();
  }

  /** Moves everything to its place for the current width (nothing when it is already there). */
  place() {
    const narrow = this.media.matches;
    if (narrow === this.narrow) return;
    this.narrow = narrow;
    if (narrow) {
      if (this.lesson && this.figure) this.figure.before(this.lesson);
      if (this.maths && this.readout) this.readout.after(this.maths);
      if (this.quick) for (const { row } of this.rows) this.quick.append(row);
    } else {
      // Back in reverse order, so that each row's old next sibling is home again first.
      for (const { row, home, before } of [...this.rows].reverse()) {
        home.insertBefore(row, before && before.parentNode === home ? before : null);
      }
      if (this.panel) {
        if (this.maths) this.panel.prepend(this.maths);
        if (this.lesson) this.panel.prepend(this.lesson);
      }
    }
    if (this.quick) this.quick.hidden = !narrow || !this.rows.length;
  }
}
