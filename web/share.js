// Sharing: "Copy link" (clipboard, or a selected read-only field when the clipboard is not
// available) and the "Embed" dialog with an iframe snippet.

import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);

/** Copies `text`; resolves true on success. */
async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* fall through to the manual way */ }
  return false;
}

/** Shows a short confirmation in `el` that clears itself. */
function flash(el, text) {
  el.textContent = text;
  clearTimeout(el.flashTimer);
  el.flashTimer = setTimeout(() => { el.textContent = ''; }, 2500);
}

export class Share {
  constructor(app) {
    this.app = app;
    $('copy-link').addEventListener('click', () => this.copyLink());
    $('embed').addEventListener('click', () => this.openEmbed());
    $('embed-close').addEventListener('click', () => $('embed-dialog').close());
    $('embed-controls').addEventListener('input', () => this.fillSnippet());
    $('embed-copy').addEventListener('click', async () => {
      const ok = await copyText($('embed-snippet').value);
      if (!ok) $('embed-snippet').select();
      flash($('embed-copied'), t(ok ? 'share.copied' : 'share.ctrlc'));
    });
  }

  /** The link to the current run (without embed options). */
  link() {
    return this.app.hash.link(this.app.pg.settings(), { embed: false, controls: null });
  }

  async copyLink() {
    const url = this.link();
    const ok = await copyText(url);
    const fallback = $('fallback-link');
    if (ok) {
      fallback.hidden = true;
      flash($('copied'), t('share.copied'));
    } else {
      const field = $('link-text');
      field.value = url;
      fallback.hidden = false;
      field.focus();
      field.select();
      flash($('copied'), t('share.select'));
    }
  }

  /** The iframe snippet for the current run and the chosen controls. */
  snippet() {
    const controls = $('embed-controls').value.split(',').map((s) => s.trim()).filter((s) => /^[a-z0-9_]+$/i.test(s));
    const src = this.app.hash.link(this.app.pg.settings(), { embed: true, controls: controls.length ? controls : null });
    const esc = (v) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    return `<iframe src="${esc(src)}" width="640" height="560" style="max-width:100%;border:0" title="${esc(t('share.iframe'))}" loading="lazy"></iframe>`;
  }

  fillSnippet() {
    $('embed-snippet').value = this.snippet();
  }

  openEmbed() {
    this.fillSnippet();
    const d = $('embed-dialog');
    if (typeof d.showModal === 'function') d.showModal(); else d.setAttribute('open', '');
  }
}
