// The page's style sheet and script, compiled in: concord-serve reads no
// file from disk, and the Content-Security-Policy allows only these
// (no inline code, nothing from elsewhere: no CDN, no web fonts).
#include "tools/serve/views.h"

namespace concord::serve {

const char* const kPageCss = R"css(:root {
  color-scheme: light dark;
  --fg: #1b1b1b; --bg: #fff; --muted: #666; --line: #ddd; --accent: #0b57d0;
  --mark: #ffe38a; --band: #f5f6f8;
}
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8e8; --bg: #15171a; --muted: #9aa0a6; --line: #33373d; --accent: #8ab4f8;
          --mark: #7a5f00; --band: #1e2126; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--fg); background: var(--bg); }
header { display: flex; gap: 2rem; align-items: baseline; padding: .6rem 1.5rem;
         border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; font-size: 1.2rem; color: var(--fg); text-decoration: none; }
header nav a { margin-right: 1.2rem; }
header nav a[aria-current] { font-weight: 600; text-decoration: none; color: var(--fg); }
main { max-width: 78rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
a { color: var(--accent); }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
form { margin: .5rem 0 1rem; }
form div { display: flex; flex-wrap: wrap; gap: .5rem; margin-bottom: .5rem; }
input, select, button { font: inherit; padding: .35rem .5rem; border: 1px solid var(--line);
                        border-radius: 4px; background: var(--bg); color: var(--fg); }
form.search { display: flex; gap: .5rem; }
form.search input[type=search] { flex: 1; }
form.mentions input[type=text] { width: 12rem; }
form.mentions input[type=search] { flex: 1; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
.total, .note, .hint, .meta, .count, figcaption, .downloads { color: var(--muted); }
.note { font-size: .9rem; }
.columns { display: flex; gap: 2rem; align-items: flex-start; }
aside.facets { flex: 0 0 14rem; font-size: .92rem; }
aside.facets h2 { font-size: .95rem; margin: 1rem 0 .3rem; }
aside.facets ul { list-style: none; margin: 0; padding: 0; }
aside.facets li { display: flex; justify-content: space-between; gap: .5rem; }
aside.facets li a { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
section.results { flex: 1; min-width: 0; }
section.results ol { padding-left: 1.5rem; }
li.hit { margin-bottom: 1.1rem; }
li.hit h3 { font-size: 1.05rem; margin: 0; font-weight: 600; }
li.hit .meta { margin: 0; font-size: .85rem; }
li.hit .meta span + span::before { content: " · "; }
li.hit .snippet { margin: .2rem 0 0; }
.pager { display: flex; gap: 1.5rem; margin: 1rem 0; }
.error { border-left: 4px solid #c5221f; background: var(--band); padding: .5rem 1rem; }
.error pre.caret { font: 14px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
                   margin: .3rem 0; white-space: pre; overflow-x: auto; }
ul.summary { padding-left: 1.2rem; }
figure.chart { margin: 1rem 0; }
figure.chart img { max-width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
table { border-collapse: collapse; }
table.counts { font-size: .9rem; margin: .5rem 0; }
table.counts th, table.counts td { padding: .15rem .6rem; border-bottom: 1px solid var(--line);
                                   text-align: right; }
table.counts th[colspan] { text-align: center; }
table.counts thead tr:first-child th:first-child, table.counts td:first-child { text-align: left; }
.kwic-wrap { overflow-x: auto; }
table.kwic { font: 13.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
             width: 100%; }
table.kwic th { text-align: left; font-weight: 600; border-bottom: 1px solid var(--line);
                padding: .2rem .4rem; white-space: nowrap; }
table.kwic td { padding: .1rem .4rem; white-space: nowrap; vertical-align: top; }
table.kwic tbody tr:nth-child(even) { background: var(--band); }
table.kwic td.left, table.kwic th.left { text-align: right; }
table.kwic td.kw { text-align: center; }
table.kwic td.kw a { color: inherit; text-decoration: none; }
table.kwic td.doc { max-width: 24ch; overflow: hidden; text-overflow: ellipsis; }
article.document h1 { font-size: 1.5rem; margin-bottom: .3rem; }
dl.metadata { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;
              font-size: .9rem; color: var(--muted); }
dl.metadata dd { margin: 0; overflow-wrap: anywhere; }
.document .text { white-space: pre-wrap; max-width: 46rem; overflow-wrap: break-word; }
.document mark#hit { outline: 2px solid #e37400; }
@media (max-width: 50rem) { .columns { flex-direction: column; } aside.facets { flex: none; } }
)css";

// Progressive enhancement only: every link and form works without it.
// Links marked data-swap (facets, sorting, paging) replace <main> in place
// instead of loading the page again; the filters of the mentions form
// apply as soon as they change.
const char* const kPageJs = R"js('use strict';
(function () {
  document.documentElement.classList.add('js');  // styles may tell; tests see it ran
  function swap(url, push) {
    return fetch(url, {headers: {'Accept': 'text/html'}}).then(function (r) {
      if (!r.ok) throw new Error(String(r.status));
      return r.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, 'text/html');
      var fresh = doc.querySelector('main');
      if (!fresh) throw new Error('no main');
      document.querySelector('main').replaceWith(document.adoptNode(fresh));
      document.title = doc.title;
      if (push) history.pushState({swapped: true}, '', url);
    }).catch(function () { location.href = url; });
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-swap]');
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    swap(a.href, true);
  });
  window.addEventListener('popstate', function () { swap(location.href, false); });
  document.addEventListener('change', function (e) {
    var form = e.target.form;
    if (form && form.classList.contains('mentions') && e.target.tagName === 'SELECT') {
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
})();
)js";

}  // namespace concord::serve
