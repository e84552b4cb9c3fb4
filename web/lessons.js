// The lessons gallery: renders lessons.json as cards linking to the playground (relative
// links, so the site works under a sub-path), in the language of lang= or the browser.
// Every text goes in with textContent.

import { register, t, setLang, lang, browserLang, onLangChange, LANGS } from './i18n.js';

register({
  en: {
    'lessons.title': 'Descent — lessons',
    'lessons.tagline': 'Lessons: presets that show each idea of the course.',
    'lessons.intro': 'Each card opens the playground with its settings. Press Play to watch the descent, or change any setting.',
    'lessons.back': '← Playground',
    'lessons.back.tip': 'Open the playground',
    'lessons.source': 'From: {title}',
    'lessons.error': 'The lessons could not be loaded: {text}',
    'header.lang': 'Language',
    'header.lang.tip': 'The language of the page (kept in the link as lang=)',
  },
  zh: {
    'lessons.title': 'Descent — 课程示例',
    'lessons.tagline': '课程示例：每个预设演示课程中的一个概念。',
    'lessons.intro': '点击卡片会用对应的设置打开交互演示。按“播放”观看梯度下降的过程，也可以修改任何设置。',
    'lessons.back': '← 交互演示',
    'lessons.back.tip': '打开交互演示',
    'lessons.source': '出自：{title}',
    'lessons.error': '无法加载课程示例列表：{text}',
    'header.lang': '语言',
    'header.lang.tip': '页面语言（以 lang= 保存在链接中）',
  },
});

const $ = (id) => document.getElementById(id);

/** lang= from the gallery's own hash, if it names one of ours. */
function hashLang() {
  const m = /(?:^|[#&])lang=([a-z]+)/.exec(location.hash);
  return m && LANGS.includes(m[1]) ? m[1] : null;
}

/** A lesson's text in the current language (English when missing). */
const pick = (texts) => (texts && (texts[lang()] || texts.en)) || '';

/**
 * The playground link of a lesson: its settings plus the gallery's language and the page key
 * lesson=<id>, which makes the playground show the lesson's caption and its neighbours.
 */
export function lessonHref(settings, lng = lang(), id = '') {
  return `./#${settings}${settings ? '&' : ''}lang=${lng}${id ? `&lesson=${id}` : ''}`;
}

let data = null;

/** Builds the topics and cards (once) and fills their words (after every language switch). */
function render() {
  const root = $('lesson-list');
  if (!data) return;
  if (!root.children.length) {
    const sections = new Map();
    for (const lesson of data.lessons) {
      let list = sections.get(lesson.topic);
      if (!list) {
        const section = document.createElement('section');
        section.className = 'topic';
        section.dataset.topic = lesson.topic || '';
        const h = document.createElement('h2');
        list = document.createElement('ol');
        list.className = 'lesson-list';
        section.append(h, list);
        root.append(section);
        sections.set(lesson.topic, list);
      }
      const li = document.createElement('li');
      li.className = 'lesson';
      li.dataset.id = lesson.id;
      const a = document.createElement('a');
      const h = document.createElement('h3');
      const p = document.createElement('p');
      p.className = 'lesson-caption';
      const src = document.createElement('p');
      src.className = 'lesson-source';
      const code = document.createElement('code');
      code.textContent = lesson.settings;
      a.append(h, p, src, code);
      li.append(a);
      list.append(li);
    }
  }
  for (const section of root.querySelectorAll('section.topic')) {
    section.querySelector('h2').textContent = pick((data.topics || {})[section.dataset.topic]);
  }
  for (const li of root.querySelectorAll('li.lesson')) {
    const lesson = data.lessons.find((l) => l.id === li.dataset.id);
    li.querySelector('a').href = lessonHref(lesson.settings, lang(), lesson.id);
    li.querySelector('h3').textContent = pick(lesson.title);
    li.querySelector('.lesson-caption').textContent = pick(lesson.caption);
    const titles = (lesson.sources || []).map((s) => pick(data.sources[s])).filter(Boolean);
    const src = li.querySelector('.lesson-source');
    src.textContent = titles.length ? t('lessons.source', { title: titles.join(lang() === 'zh' ? '；' : '; ') }) : '';
    src.hidden = !titles.length;
  }
}

function start() {
  const menu = $('lang');
  setLang(hashLang() || browserLang());
  menu.value = lang();
  $('back').href = `./#lang=${lang()}`;
  onLangChange(() => {
    menu.value = lang();
    $('back').href = `./#lang=${lang()}`;
    render();
  });
  menu.addEventListener('change', () => {
    history.replaceState(null, '', `#lang=${menu.value}`);
    setLang(menu.value);
  });
  window.addEventListener('hashchange', () => { if (hashLang() && hashLang() !== lang()) setLang(hashLang()); });
  fetch(new URL('lessons.json', document.baseURI))
    .then((r) => { if (!r.ok) throw new Error(`HTTP ${r.status}`); return r.json(); })
    .then((json) => { data = json; render(); document.body.dataset.ready = 'true'; })
    .catch((err) => {
      const box = $('lessons-error');
      box.textContent = t('lessons.error', { text: String(err && err.message ? err.message : err) });
      box.hidden = false;
    });
}

if (typeof document !== 'undefined' && document.getElementById('lesson-list')) start();
