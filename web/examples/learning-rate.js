// The course-notes example (learning-rate.html): its language switch, and the buttons and
// sentences that drive each figure through embed.js (three <descent-playground> or iframe
// embeds). Written as a teacher would: only the public API of embed.js.

const WORDS = {
  en: {
    names: ['Too small', 'About right', 'Too large', 'Diverging'],
    group: 'Set the learning rate',
    waiting: 'The figure is loading…',
    live: (s) => `Step ${s.step}: the loss is ${num(s.loss)} at lr = ${s.lr}.`,
    stopped: (text) => `At the end of the run: ${text}`,
    grew: (a, b) => `The loss grew from ${num(a)} to ${num(b)}: this rate diverges.`,
    frame: 'Descent: gradient descent fitting a line to three points',
  },
  zh: {
    names: ['太小', '合适', '太大', '发散'],
    group: '设置学习率',
    waiting: '图正在加载……',
    live: (s) => `第 ${s.step} 步：损失为 ${num(s.loss)}，lr = ${s.lr}。`,
    stopped: (text) => `运行结束：${text}`,
    grew: (a, b) => `损失从 ${num(a)} 增长到 ${num(b)}：这个学习率会发散。`,
    frame: 'Descent：用梯度下降把直线拟合到三个点',
  },
};

/** A loss for a sentence: three significant digits, powers of ten when far from 1. */
function num(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) {
    const [m, e] = x.toExponential(2).split('e');
    const sup = String(Number(e)).replace(/./g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]);
    return `${m} × 10${sup}`;
  }
  return String(Number(x.toPrecision(3)));
}

let lang = /(^|[#&])lang=zh\b/.test(location.hash) || (!/lang=en/.test(location.hash) && /^zh\b/i.test(navigator.language || '')) ? 'zh' : 'en';
const drives = [];

/** One figure's buttons, live sentence and stop line. */
class Drive {
  constructor(box) {
    this.box = box;
    this.target = document.getElementById(box.dataset.for);
    this.lrs = box.dataset.lrs.split(',');
    this.player = null;
    this.state = null;
    this.stopText = null;
    this.grew = null;        // [first loss, last loss] of a run that diverged
    this.group = document.createElement('div');
    this.group.className = 'lr-buttons';
    this.group.setAttribute('role', 'group');
    this.buttons = this.lrs.map((lr, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset.lr = lr;
      b.dataset.kind = String(i);
      b.setAttribute('aria-pressed', 'false');
      b.disabled = true;
      b.addEventListener('click', () => this.choose(lr));
      this.group.append(b);
      return b;
    });
    this.live = document.createElement('p');
    this.live.className = 'live-sentence';
    this.stopped = document.createElement('p');
    this.stopped.className = 'stop-line';
    this.stopped.setAttribute('role', 'status');
    this.stopped.hidden = true;
    box.append(this.group, this.live, this.stopped);
    this.words();
    this.connect();
  }

  async connect() {
    const t = this.target;
    const player = t.tagName === 'IFRAME' ? await Descent.connect(t) : await t.ready;
    this.player = player;
    if (t.tagName === 'IFRAME') {
      // A plain iframe follows the height its content needs itself.
      player.on('resize', (d) => { t.style.height = `${Math.ceil(d.height)}px`; });
      if (lang !== 'en') await player.setLang(lang);
    }
    player.on('step', (d) => this.show(d.state));
    player.on('stop', async (d) => {
      this.show(d.state);
      this.stopText = d.status;
      // Where the loss ended up against where it started: a diverging rate says so.
      const first = (await player.trajectory()).loss[0];
      const last = d.state.loss;
      this.grew = !(last <= 10 * first) ? [first, last] : null;
      this.words();
    });
    player.on('change', (d) => {
      this.stopText = null;
      this.grew = null;
      this.mark(/(^|&)lr=([^&]*)/.exec(d.settings)?.[2]);
      this.words();
    });
    for (const b of this.buttons) b.disabled = false;
    this.mark(/(^|&)lr=([^&]*)/.exec(await player.settings())?.[2]);
    this.show(await player.state());
  }

  /** A button: the new rate, and the run played from its start. */
  async choose(lr) {
    if (!this.player) return;
    this.stopText = null;
    this.grew = null;
    this.words();
    await this.player.setValue('lr', lr);
    await this.player.reset();
    await this.player.play();
  }

  mark(lr) {
    for (const b of this.buttons) b.setAttribute('aria-pressed', String(b.dataset.lr === lr));
  }

  show(state) {
    this.state = state;
    this.words();
  }

  /** Every word of this figure in the page's language. */
  words() {
    const w = WORDS[lang];
    this.group.setAttribute('aria-label', w.group);
    this.buttons.forEach((b, i) => { b.textContent = `${w.names[i]} · ${this.lrs[i]}`; });
    this.live.textContent = this.state ? w.live(this.state) : w.waiting;
    this.stopped.hidden = !this.stopText;
    this.stopped.textContent = this.stopText ? w.stopped(this.stopText) + (this.grew ? ` ${w.grew(...this.grew)}` : '') : '';
    if (this.target.tagName === 'IFRAME') this.target.title = w.frame;
  }
}

/** Switches the notes, the embeds and the link to `next` (en or zh). */
function setLang(next) {
  lang = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  document.documentElement.dataset.lang = next;
  for (const b of document.querySelectorAll('[data-set-lang]')) b.setAttribute('aria-pressed', String(b.dataset.setLang === next));
  for (const el of document.querySelectorAll('descent-playground')) el.setAttribute('lang', next);
  for (const d of drives) {
    d.words();
    if (d.player && d.target.tagName === 'IFRAME') d.player.setLang(next).catch(() => {});
  }
  history.replaceState(null, '', next === 'zh' ? '#lang=zh' : location.pathname + location.search);
}

for (const b of document.querySelectorAll('[data-set-lang]')) b.addEventListener('click', () => setLang(b.dataset.setLang));
for (const el of document.querySelectorAll('descent-playground')) el.setAttribute('lang', lang);
for (const box of document.querySelectorAll('.drive')) drives.push(new Drive(box));
setLang(lang);
