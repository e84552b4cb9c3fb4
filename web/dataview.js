// The data view of data models (linreg, logreg, linreg2): a canvas beside the surface with
// the samples, the model at the start and now, the batch, and the residuals toggle (resid=);
// points are drawn on it by draw.js.

import { register, t, onLangChange } from './i18n.js';
import { context, fit, styleDpr } from './canvas.js';
import { DataDraw } from './draw.js';

const $ = (id) => document.getElementById(id);

register({
  en: {
    'view.resid': 'residuals',
    'view.resid.title': 'Draw each sample’s residual: the segment from the sample to the model’s prediction',
    'view.data.aria': 'The data and the model: the line or curve at the start and now, the current batch ringed',
  },
  zh: {
    'view.resid': '残差',
    'view.resid.title': '画出每个样本的残差：从样本到模型预测值的线段',
    'view.data.aria': '数据与模型：起点和当前的直线或曲线，当前批次的样本带圈',
  },
});

export class DataView {
  constructor(app) {
    this.app = app;
    this.box = $('dataview');
    this.canvas = $('data');
    this.resid = $('resid');
    this.residLabel = $('resid-label');
    this.resid.addEventListener('change', () => app.setView('resid', this.resid.checked ? 'on' : 'off'));
    onLangChange(() => this.label());
    this.label();
    // Drawing points (linreg, logreg) and the data dialog (draw.js).
    this.drawer = new DataDraw(app);
  }

  label() {
    this.canvas.setAttribute('aria-label', t('view.data.aria'));
    this.residLabel.title = t('view.resid.title');
    $('resid-text').textContent = t('view.resid');
  }

  /** Whether the landscape is fitted to data. */
  shown() {
    return !!(this.app.info && this.app.info.is_model);
  }

  /** Shows or hides the view and the toggle for the current landscape. */
  sync() {
    const shown = this.shown();
    const was = !this.box.hidden;
    this.box.hidden = !shown;
    this.residLabel.hidden = !shown;
    this.box.parentElement.classList.toggle('has-data', shown);
    this.resid.checked = this.app.pg.value('resid') === 'on';
    if (shown !== was) requestAnimationFrame(() => this.app.safe(() => this.app.resize()));
    if (shown) fit(this.canvas, [this.canvas]);
    this.drawer.sync();
  }

  resize() {
    return this.shown() ? fit(this.canvas, [this.canvas]) : false;
  }

  draw(k) {
    if (!this.shown()) return;
    const dpr = styleDpr();
    this.app.pg.render_data(context(this.canvas), this.canvas.width, this.canvas.height, dpr, k);
    this.drawer.decorate(context(this.canvas), dpr);
  }
}
