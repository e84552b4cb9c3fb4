// The lesson the playground was opened from (the page key lesson=<id>, which the gallery's
// links carry): its title and caption, read from lessons.json (the gallery's own file, so
// there is no second copy to drift), with links to the previous and next lesson and back to
// the gallery, in the page's language.

import { register, t, lang, onLangChange } from './i18n.js';
import { lessonHref } from './lessons.js';

register({
  en: {
    'lesson.aria': 'Lesson',
    'lesson.count': 'Lesson {i} of {n} · {topic}',
    'lesson.prev': '← {title}',
    'lesson.next': '{title} →',
    'lesson.prev.aria': 'Previous lesson: {title}',
    'lesson.next.aria': 'Next lesson: {title}',
    'lesson.all': 'All lessons',
    'lesson.reopen': 'Reopen this lesson',
    'lesson.reopen.tip': 'Back to the lesson’s settings and its first step',
    'lesson.missing': 'There is no lesson “{id}”.',
  },
  zh: {
    'lesson.aria': '课程',
    'lesson.count': '第 {i} 课（共 {n} 课）·{topic}',
    'lesson.prev': '← {title}',
    'lesson.next': '{title} →',
    'lesson.prev.aria': '上一课：{title}',
    'lesson.next.aria': '下一课：{title}',
    'lesson.all': '全部课程',
    'lesson.reopen': '重新打开本课',
    'lesson.reopen.tip': '回到本课的设置和起始步',
    'lesson.missing': '没有名为“{id}”的课程。',
  },
});

/** A text in the current language (English when missing). */
const pick = (texts) => (texts && (texts[lang()] || texts.en)) || '';

/** The lesson box: hidden unless the link names a lesson. */
export class LessonBox {
  constructor(box) {
    this.box = box;
    this.id = null;
    this.data = null;
    this.loading = null;
    box.setAttribute('aria-label', t('lesson.aria'));
    onLangChange(() => this.render());
  }

  /** Shows lesson `id` (null hides the box); the gallery's file is fetched once. */
  show(id) {
    this.id = id || null;
    if (!this.id) {
      this.box.hidden = true;
      return Promise.resolve();
    }
    if (!this.loading) {
      this.loading = fetch(new URL('lessons.json', document.baseURI))
        .then((r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); return r.json(); })
        .then((json) => { this.data = json; })
        .catch((err) => { console.warn('descent: lessons.json', err); this.loading = null; });
    }
    return this.loading.then(() => this.render());
  }

  /** Fills the box in the current language. */
  render() {
    const box = this.box;
    box.setAttribute('aria-label', t('lesson.aria'));
    if (!this.id || !this.data) { box.hidden = true; return; }
    const list = this.data.lessons || [];
    const i = list.findIndex((l) => l.id === this.id);
    box.replaceChildren();
    if (i < 0) {
      const p = document.createElement('p');
      p.className = 'lesson-caption';
      p.textContent = t('lesson.missing', { id: this.id });
      box.append(p, this.link('lesson-all', './lessons.html', t('lesson.all')));
      box.hidden = false;
      return;
    }
    const lesson = list[i];
    const count = document.createElement('p');
    count.className = 'lesson-count';
    count.textContent = t('lesson.count', { i: i + 1, n: list.length, topic: pick((this.data.topics || {})[lesson.topic]) });
    const h = document.createElement('h2');
    h.id = 'lesson-title';
    h.textContent = pick(lesson.title);
    const caption = document.createElement('p');
    caption.className = 'lesson-caption';
    caption.dataset.testid = 'lesson-caption';
    caption.textContent = pick(lesson.caption);
    const nav = document.createElement('nav');
    nav.className = 'lesson-nav';
    nav.setAttribute('aria-label', t('lesson.aria'));
    const prev = list[i - 1];
    const next = list[i + 1];
    if (prev) {
      const a = this.link('lesson-prev', lessonHref(prev.settings, lang(), prev.id), t('lesson.prev', { title: pick(prev.title) }));
      a.rel = 'prev';
      a.setAttribute('aria-label', t('lesson.prev.aria', { title: pick(prev.title) }));
      nav.append(a);
    }
    const all = this.link('lesson-all', `./lessons.html#lang=${lang()}`, t('lesson.all'));
    const again = this.link('lesson-reopen', lessonHref(lesson.settings, lang(), lesson.id), t('lesson.reopen'));
    again.title = t('lesson.reopen.tip');
    nav.append(all, again);
    if (next) {
      const a = this.link('lesson-next', lessonHref(next.settings, lang(), next.id), t('lesson.next', { title: pick(next.title) }));
      a.rel = 'next';
      a.setAttribute('aria-label', t('lesson.next.aria', { title: pick(next.title) }));
      nav.append(a);
    }
    box.setAttribute('aria-labelledby', h.id);
    box.append(count, h, caption, nav);
    box.hidden = false;
  }

  link(id, href, text) {
    const a = document.createElement('a');
    a.id = id;
    a.href = href;
    a.textContent = text;
    return a;
  }
}
