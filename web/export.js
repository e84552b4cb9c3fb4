// Downloads: the figure as PNG (the surface's base and overlay canvases composited, with the
// loss chart below), and the whole run as CSV or JSON in exactly the form `descent run
// SETTINGS --format csv|json` prints (the same Rust formatter, through Playground.export).

import { register, t, onLangChange } from './i18n.js';

register({
  en: {
    'export.label': 'Download',
    'export.png': 'PNG',
    'export.csv': 'CSV',
    'export.json': 'JSON',
    'export.png.title': 'Download the surface and the loss chart as a PNG image',
    'export.csv.title': 'Download the whole trajectory as CSV (the same as `descent run`)',
    'export.json.title': 'Download the whole run as JSON (the same as `descent run --format json`)',
  },
  zh: {
    'export.label': '下载',
    'export.png': 'PNG',
    'export.csv': 'CSV',
    'export.json': 'JSON',
    'export.png.title': '将曲面和损失曲线下载为 PNG 图片',
    'export.csv.title': '将整条轨迹下载为 CSV（与 `descent run` 相同）',
    'export.json.title': '将整个运行下载为 JSON（与 `descent run --format json` 相同）',
  },
});

/** A file name from the settings: descent-<landscape>-<optimizer>[-step<k>].<ext>. */
export function fileName(app, ext, step) {
  const safe = (s) => String(s).replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 40);
  const parts = ['descent', safe(app.pg.value('f')), safe(app.pg.value('opt'))];
  if (step !== undefined) parts.push(`step${step}`);
  return `${parts.join('-')}.${ext}`;
}

/** Offers a Blob as a download under `name`. */
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** One canvas with the surface (base, then overlay) and the loss chart under it. */
export function composite(base, overlay, loss) {
  const w = base.width;
  const lh = loss && loss.width ? Math.round(loss.height * (w / loss.width)) : 0;
  const out = document.createElement('canvas');
  out.width = w;
  out.height = base.height + lh;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(base, 0, 0);
  ctx.drawImage(overlay, 0, 0);
  if (lh) ctx.drawImage(loss, 0, base.height, w, lh);
  return out;
}

/** The three download buttons in `box`. */
export class Exporter {
  constructor(app, box) {
    this.app = app;
    this.box = box;
    this.title = document.createElement('span');
    this.title.className = 'tools-label';
    this.buttons = {};
    box.append(this.title);
    for (const kind of ['png', 'csv', 'json']) {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = `export-${kind}`;
      b.addEventListener('click', () => this.app.safe(() => this.download(kind)));
      this.buttons[kind] = b;
      box.append(b);
    }
    this.label();
    onLangChange(() => this.label());
  }

  label() {
    this.title.textContent = t('export.label');
    for (const [kind, b] of Object.entries(this.buttons)) {
      b.textContent = t(`export.${kind}`);
      b.title = t(`export.${kind}.title`);
    }
  }

  download(kind) {
    const app = this.app;
    if (kind === 'png') {
      app.drawOverlay();
      const c = composite(app.base, app.overlay, app.loss);
      c.toBlob((blob) => { if (blob) save(blob, fileName(app, 'png', app.cursor)); }, 'image/png');
      return;
    }
    const text = app.pg.export(kind);
    const type = kind === 'csv' ? 'text/csv' : 'application/json';
    save(new Blob([text], { type }), fileName(app, kind));
  }
}
