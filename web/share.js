// Sharing: "Copy link" (clipboard, or a selected read-only field when the clipboard is not
// available) and the "Embed" dialog (embeddialog.js) with its snippets.

import { t } from './i18n.js';
import { EmbedDialog } from './embeddialog.js';

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
    this.embed = new EmbedDialog(app);
    $('embed').addEventListener('click', () => this.embed.open());
    $('embed-close').addEventListener('click', () => $('embed-dialog').close());
    $('embed-copy').addEventListener('click', async () => {
      const ok = await copyText($('embed-snippet').value);
      if (!ok) $('embed-snippet').select();
      flash($('embed-copied'), t(ok ? 'share.copied' : 'share.ctrlc'));
    });
  }

  /** The link to the current run (without embed options). */
  link() {
    return this.app.hash.link(this.app.linkSettings(), { embed: false, controls: null, parts: [] });
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
}
