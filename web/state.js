// The URL hash ⇄ settings. The core codec owns the settings; this file only splits off the
// page-only keys (embed, present, controls, parts, lesson) and writes the canonical form back with
// replaceState.

/**
 * The optional parts of an embed (`parts=`), in the order the link writes them. The embed
 * always shows the figure, Play/Step/Reset, the timeline and a compact read-out (step, θ, loss);
 * these add to it: the full read-out (‖g‖, lr and the status sentence), the loss chart, the
 * step-by-step maths (its toggle; `maths=on` opens it) and the data view of data models.
 */
export const EMBED_PARTS = ['readout', 'loss', 'maths', 'data'];

/** Splits a hash or settings string into the core part and the page-only options. */
export function splitHash(hash) {
  const text = String(hash || '').replace(/^#/, '');
  const core = [];
  const page = { embed: false, present: false, controls: null, parts: [], lesson: null, problems: [] };
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (key === 'embed') {
      page.embed = value === '1' || value === 'true';
    } else if (key === 'present') {
      // Presenter mode, for a projector (present.js).
      page.present = value === '1' || value === 'true' || value === 'on';
    } else if (key === 'lesson') {
      // The id of the gallery lesson this page was opened from (its caption is shown).
      page.lesson = /^[a-z0-9-]{1,40}$/.test(value) ? value : null;
    } else if (key === 'controls') {
      let decoded = value;
      try { decoded = decodeURIComponent(value); } catch { /* keep as written */ }
      page.controls = decoded.split(',').map((s) => s.trim()).filter((s) => /^[a-z0-9_]+$/i.test(s));
    } else if (key === 'parts') {
      const { parts, unknown } = readParts(value);
      page.parts = parts;
      for (const name of unknown) page.problems.push({ key: 'parts', value: name });
    } else {
      core.push(part);
    }
  }
  return { core: core.join('&'), page };
}

/**
 * The `parts=` list: the known names in EMBED_PARTS order (each once), and the unknown ones
 * as written (for a message; they are dropped from the link).
 */
export function readParts(value) {
  let decoded = String(value || '');
  try { decoded = decodeURIComponent(decoded); } catch { /* keep as written */ }
  const names = decoded.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const parts = EMBED_PARTS.filter((p) => names.includes(p));
  const unknown = [...new Set(names.filter((n) => !EMBED_PARTS.includes(n)))].map((n) => n.slice(0, 40));
  return { parts, unknown };
}

/** The page-only options as a hash suffix (without a leading `&`). */
export function pageSuffix(page) {
  const parts = [];
  if (page.embed) parts.push('embed=1');
  if (page.present) parts.push('present=1');
  if (page.controls) parts.push(`controls=${page.controls.join(',')}`);
  if (page.parts && page.parts.length) parts.push(`parts=${page.parts.join(',')}`);
  if (page.lesson) parts.push(`lesson=${page.lesson}`);
  return parts.join('&');
}

/** Joins the canonical settings and the page options into a hash (with `#`). */
export function makeHash(settings, page) {
  const parts = [settings, pageSuffix(page)].filter(Boolean);
  return `#${parts.join('&')}`;
}

/** Keeps location.hash in step with the playground, and re-reads it on hashchange. */
export class HashState {
  /** `onExternalChange(coreString, page)` is called when the user edits the hash. */
  constructor(onExternalChange) {
    this.page = splitHash(location.hash).page;
    this.lastWritten = null;
    window.addEventListener('hashchange', () => {
      if (location.hash === this.lastWritten) return;
      const { core, page } = splitHash(location.hash);
      this.page = page;
      onExternalChange(core, page);
    });
  }

  /** The core settings part of the current hash. */
  initial() {
    return splitHash(location.hash).core;
  }

  /** Writes the canonical settings into the hash without adding a history entry. */
  write(settings) {
    const hash = makeHash(settings, this.page);
    this.lastWritten = hash;
    if (location.hash !== hash && !(hash === '#' && location.hash === '')) {
      history.replaceState(null, '', hash === '#' ? location.pathname + location.search : hash);
    }
  }

  /** The full link to the current state (page options included). */
  link(settings, page = this.page) {
    const url = new URL(location.href);
    url.hash = makeHash(settings, page).slice(1);
    return url.href;
  }
}
