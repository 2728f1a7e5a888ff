#!/usr/bin/env python3
"""concord-serve end to end: the pages as headless Chromium renders them
(results with highlights, facets, the KWIC table and its sorting, the chart,
a document with the mention marked, a malformed query), a hostile document
that must stay text, the JSON API against concord-search byte for byte,
security headers, path traversal, an oversized request, and clean stops.
Exits 77 (ctest: skipped) only when Chromium is not installed.
usage: serve.py BIN_DIR SOURCE_DIR WORK_DIR
CONCORD_SERVE_SCREENSHOTS=DIR also copies the two screenshots there."""
import html.parser, http.client, json, os, re, select, shutil, signal, subprocess, sys, time
import urllib.error, urllib.parse, urllib.request
import xml.etree.ElementTree as ET

from harness import BIN, SRC, WORK, finish, run, run_all

SKIP = 77
CHROMIUM = next((c for c in ('chromium', 'chromium-browser', 'google-chrome')
                 if shutil.which(c)), None)
if CHROMIUM is None:
    print('SKIP: Chromium is not installed (Debian package chromium); the browser test '
          'renders the pages with it')
    sys.exit(SKIP)

SERVE = os.path.join(BIN, 'concord-serve')
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HOSTILE_TITLE = '<script>alert(1)</script><img src=x onerror=alert(2)>'
HOSTILE_TEXT = ('President Zelensky met the delegation. </textarea><script>alert(3)</script> '
                'Later Zelensky said talks would go on.')

# The corpus: the samples plus one hostile JSON Lines record.
DB = os.path.join(WORK, 'db')
EXTRA = os.path.join(WORK, 'extra')
os.makedirs(EXTRA, exist_ok=True)
with open(os.path.join(EXTRA, 'hostile.jsonl'), 'w', encoding='utf-8') as f:
    f.write(json.dumps({'id': 'hostile', 'title': HOSTILE_TITLE, 'date': '2025-06-04',
                        'source': 'Evil <b>Press</b>', 'lang': 'en',
                        'text': HOSTILE_TEXT}) + '\n')
run('concord-index', '--db', DB, '--quiet', os.path.join(SRC, 'corpus', 'samples'), EXTRA)


def start_server(*extra):
    """concord-serve on a free port; returns (process, base URL)."""
    p = subprocess.Popen([SERVE, '--db', DB, '--port', '0', *extra], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    ready, _, _ = select.select([p.stdout], [], [], 30)
    line = p.stdout.readline().decode() if ready else ''
    m = re.fullmatch(r'concord-serve: listening on (http://[^/]+/)\n', line)
    if not m:
        p.kill()
        raise SystemExit('concord-serve did not start: %r %s' % (line, p.stderr.read()))
    return p, m.group(1).rstrip('/')


SERVER, BASE = start_server()


def fetch(path, method='GET', headers=None):
    """(status, headers, body bytes) of a request sent as written."""
    u = urllib.parse.urlsplit(BASE)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.request(method, path, headers=headers or {})
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, r.headers, body


def get(path, status=200):
    code, headers, body = fetch(path)
    assert code == status, '%s: HTTP %d, wanted %d\n%s' % (path, code, status, body[:300])
    return body.decode('utf-8')


PROFILE = os.path.join(WORK, 'chromium-profile')
console = []  # Chromium's console lines of every page rendered


def chromium(path, *args):
    """Chromium's command line output for the page at PATH (stdout)."""
    r = subprocess.run([CHROMIUM, '--headless=new', '--no-sandbox', '--disable-gpu',
                        '--disable-dev-shm-usage', '--no-first-run', '--user-data-dir=' + PROFILE,
                        '--enable-logging=stderr', '--v=0', '--virtual-time-budget=3000', *args,
                        BASE + path], capture_output=True, timeout=60)
    console.extend(l for l in r.stderr.decode('utf-8', 'replace').splitlines() if 'CONSOLE' in l)
    return r.stdout.decode('utf-8', 'replace')


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return ''.join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag=None, cls=None, **attrs):
        """Every element below, in document order, with that tag, class and attributes."""
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if ((tag is None or c.tag == tag) and
                        (cls is None or cls in c.attrs.get('class', '').split()) and
                        all(c.attrs.get(k) == v for k, v in attrs.items())):
                    out.append(c)
                out.extend(c.all(tag, cls, **attrs))
        return out

    def one(self, tag=None, cls=None, **attrs):
        found = self.all(tag, cls, **attrs)
        assert found, 'no <%s class=%s %s>' % (tag, cls, attrs)
        return found[0]


class Dom(html.parser.HTMLParser):
    VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta',
            'source', 'track', 'wbr'}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node('#document', {}, None)
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.at)
        self.at.children.append(node)
        if tag not in self.VOID:
            self.at = node

    def handle_endtag(self, tag):
        n = self.at
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.at = n.parent

    def handle_data(self, data):
        self.at.children.append(data)


def dom(path):
    return Dom(chromium(path, '--dump-dom')).root


def cli(*args, rc=0):
    return run('concord-search', '--db', DB, *args, rc=rc).stdout


def lines(text):
    return [json.loads(l) for l in text.splitlines() if l.strip()]


def context_key(text, reversed_):
    words = text.casefold().split()
    return words[::-1] if reversed_ else words


HOSTILE_ID = urllib.parse.quote(lines(cli('--format', 'jsonl', 'source:evil'))[0]['id'], safe='')

# What the pages render, once each (Chromium takes a few seconds a page).
SEARCH = dom('/?q=Istanbul')
MENTIONS = dom('/mentions?name=Zelensky')
BY_RIGHT = dom('/mentions?name=Zelensky&sort=right')
HOSTILE = dom('/?q=Zelensky')
MALFORMED = dom('/?q=%22unclosed')


def kwic_rows(page):
    return page.one('table', 'kwic').one('tbody').all('tr')


def listening_line_names_loopback_by_default():
    assert BASE.startswith('http://127.0.0.1:'), BASE


def search_results_have_their_matches_marked():
    hits = SEARCH.all('li', 'hit')
    assert len(hits) == 6, '%d results' % len(hits)
    for h in hits:
        marks = [m.text() for m in h.one('p', 'snippet').all('mark')]
        assert marks and all(m.lower() == 'istanbul' for m in marks), marks
    assert '6 documents' in SEARCH.one('p', 'total').text()


def page_script_ran_and_nothing_broke_the_policy():
    assert 'js' in SEARCH.one('html').attrs.get('class', ''), 'page.js did not run'
    bad = [l for l in console if 'Content Security Policy' in l or 'Refused' in l]
    assert not bad, bad


def facets_narrow_the_query():
    facets = SEARCH.one('aside', 'facets')
    links = {a.text(): a.attrs['href'] for a in facets.all('a')}
    assert set(links) >= {'en', 'Reuters', 'Euromaidan Press', '2025-05', '2025-06'}, links
    q = urllib.parse.parse_qs(urllib.parse.urlsplit(links['Euromaidan Press']).query)['q'][0]
    assert q == 'Istanbul source:"Euromaidan Press"', q
    narrowed = Dom(get(links['Euromaidan Press'])).root.all('li', 'hit')
    assert len(narrowed) == 3 and all('Euromaidan Press' in h.one('p', 'meta').text()
                                      for h in narrowed), len(narrowed)
    month = Dom(get(links['2025-05'])).root.all('li', 'hit')
    assert len(month) == 1 and '2025-05-28' in month[0].one('p', 'meta').text()


def kwic_lists_every_mention_with_the_name_marked():
    rows = kwic_rows(MENTIONS)
    cli_rows = lines(cli('--mentions', 'Zelensky', '--format', 'jsonl'))
    assert len(rows) == len(cli_rows) > 10, (len(rows), len(cli_rows))
    for row, rec in zip(rows, cli_rows):
        cells = row.all('td')
        assert cells[1].one('mark').text() == rec['surface'], (cells[1].text(), rec['surface'])
        assert cells[0].text() == rec['left'] and cells[2].text() == rec['right']
        assert re.search('zelensk', rec['surface'], re.I), rec['surface']
        assert 'text-align' not in row.attrs  # alignment comes from the style sheet


def sorting_by_right_context_orders_the_rows():
    right = [r.one('td', 'right').text() for r in kwic_rows(BY_RIGHT)]
    keys = [context_key(t, False) for t in right]
    assert keys == sorted(keys), right
    before = [r.one('td', 'right').text() for r in kwic_rows(MENTIONS)]
    assert sorted(before) == sorted(right) and before != right, 'same order as listed'
    left = [r.one('td', 'left').text() for r in kwic_rows(Dom(get(
        '/mentions?name=Zelensky&sort=left')).root)]
    lkeys = [context_key(t, True) for t in left]
    assert lkeys == sorted(lkeys), left


def rung_and_confidence_filter_the_rows():
    exact = kwic_rows(Dom(get('/mentions?name=Zelensky&rung=exact')).root)
    assert exact and all(r.all('td')[-2].text() == 'exact' for r in exact)
    assert not kwic_rows(Dom(get('/mentions?name=Zelensky&rung=typo')).root)
    high = kwic_rows(Dom(get('/mentions?name=Zelensky&confidence=high')).root)
    assert all(r.all('td')[-1].text() == 'high' for r in high)
    # A spelling, in any case: only its mentions, and the pager keeps it.
    spellings = {r.all('td')[1].one('mark').text() for r in kwic_rows(MENTIONS)}
    assert len(spellings) > 1, spellings
    one = sorted(spellings)[0]
    page = Dom(get('/mentions?name=Zelensky&limit=1&variant=' +
                   urllib.parse.quote(one.upper()))).root
    rows = kwic_rows(page)
    assert [r.all('td')[1].one('mark').text() for r in rows] == [one], (one, len(rows))
    more = [a.attrs['href'] for a in page.one('nav', 'pager').all('a')]
    assert all('variant=' in h for h in more), more


def chart_is_an_svg_image():
    img = MENTIONS.one('figure', 'chart').one('img')
    assert img.attrs['src'].startswith('/chart.svg?name=Zelensky'), img.attrs
    code, headers, body = fetch(img.attrs['src'])
    assert code == 200 and headers['Content-Type'].startswith('image/svg+xml'), (code, body[:200])
    root = ET.fromstring(body)
    assert root.tag in ('svg', '{http://www.w3.org/2000/svg}svg'), root.tag
    two = fetch('/chart.svg?name=Zelensky&name=Putin&by=week&metric=per1000')
    assert two[0] == 200 and ET.fromstring(two[2]).tag.endswith('svg')
    counts = MENTIONS.one('table', 'counts').one('tbody').all('tr')
    assert [c.all('td')[0].text() for c in counts] == ['2025-05', '2025-06'], counts


def document_page_marks_the_mention():
    rows = kwic_rows(MENTIONS)
    # Every row in plain HTML (the second article of a file and a file with
    # a BOM included: their offsets in the file are not those in the text),
    # one in Chromium.
    for row in rows:
        surface = row.one('td', 'kw').one('mark').text()
        link = row.one('td', 'kw').one('a').attrs['href']
        assert re.search(r'[?&]start=\d+&end=\d+#hit$', link), link
        hit = Dom(get(link.split('#')[0])).root.all('mark', id='hit')
        assert len(hit) == 1 and hit[0].text() == surface, (link, surface, hit and hit[0].text())
    second = [r for r in rows if '000_aa088b757c5ea7de.txt%232' in r.one('a').attrs['href']]
    assert second, 'no mention in the second article of 000_aa088b757c5ea7de.txt'
    page = dom(second[0].one('a').attrs['href'])
    assert page.one('mark', id='hit').text() == second[0].one('mark').text()
    out = get('/doc?id=%s&start=999999&end=1000000' % HOSTILE_ID)  # out of range: no mark
    assert 'id="hit"' not in out and 'not within' in out


def hostile_document_stays_text():
    titles = [h.one('h3').text() for h in HOSTILE.all('li', 'hit')]
    assert HOSTILE_TITLE in titles, titles
    doc_page = dom('/doc?id=' + HOSTILE_ID)
    for page in (HOSTILE, doc_page, dom('/mentions?name=Zelensky&q=source:evil')):
        scripts = [s.attrs.get('src') for s in page.all('script')]
        assert scripts == ['/static/page.js'], scripts
        bad = [n.tag for n in page.all() if any(a.startswith('on') for a in n.attrs)]
        assert not bad, bad
        assert not page.all('img', src='x')
    assert doc_page.one('h1').text() == HOSTILE_TITLE
    doc = doc_page.one('div', 'text').text()
    assert '</textarea><script>alert(3)</script>' in doc, doc
    assert 'alert' not in ''.join(console), console


def malformed_query_shows_its_column():
    code, _, body = fetch('/?q=%22unclosed')
    assert code == 400, code
    error = MALFORMED.one('div', 'error').text()
    assert 'column 10' in error and 'unterminated phrase' in error, error
    assert MALFORMED.one('pre', 'caret').text().endswith('\n' + ' ' * 9 + '^')
    code, _, body = fetch('/mentions?name=Zelensky&q=(Putin')
    assert code == 400 and b'column' in body, code


def screenshots_are_png():
    for name, path in (('serve-search.png', '/?q=Istanbul'),
                       ('serve-mentions.png', '/mentions?name=Zelensky&name=Putin')):
        out = os.path.join(WORK, name)
        chromium(path, '--screenshot=' + out, '--window-size=1200,900', '--hide-scrollbars')
        with open(out, 'rb') as f:
            data = f.read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n' and 10000 < len(data) < 10000000, len(data)
        if os.environ.get('CONCORD_SERVE_SCREENSHOTS'):
            shutil.copy(out, os.environ['CONCORD_SERVE_SCREENSHOTS'])


def api_bodies_are_what_concord_search_prints():
    pairs = [
        ('/api/search?q=Istanbul&limit=5', ['--format', 'jsonl', '--limit', '5', 'Istanbul']),
        ('/api/mentions?name=Zelensky&limit=20',
         ['--format', 'jsonl', '--limit', '20', '--mentions', 'Zelensky']),
    ]
    for path, args in pairs:
        assert lines(get(path)) == lines(cli(*args)), path
    counts = get('/api/counts?name=Zelensky&name=Putin&by=month')
    assert json.loads(counts) == json.loads(cli('--mentions', 'Zelensky', '--mentions', 'Putin',
                                                '--count-by', 'month', '--format', 'json'))
    explain = get('/api/explain?q=Zelensky%20NEAR%20Putin')
    assert lines(explain) == lines(cli('--explain', '--format', 'jsonl', 'Zelensky NEAR Putin'))[:1]


def downloads_are_byte_for_byte_the_cli():
    pairs = [('/mentions.csv?name=Zelensky', ['--mentions', 'Zelensky', '--format', 'csv']),
             ('/mentions.jsonl?name=Putin&q=lang:en',
              ['--mentions', 'Putin', '--format', 'jsonl', 'lang:en']),
             ('/search.jsonl?q=Putin&limit=3', ['--format', 'jsonl', '--limit', '3', 'Putin']),
             ('/counts.csv?name=Zelensky&by=week',
              ['--mentions', 'Zelensky', '--count-by', 'week', '--format', 'csv'])]
    for path, args in pairs:
        code, headers, body = fetch(path)
        assert code == 200 and 'attachment' in headers.get('Content-Disposition', ''), path
        assert body == run('concord-search', '--db', DB, *args).stdout_bytes, path


def api_errors_are_json():
    code, _, body = fetch('/api/search?q=%22unclosed')
    assert code == 400 and json.loads(body) == {
        'error': "unterminated phrase: expected '\"' to close the phrase opened at column 1",
        'code': 'query_syntax', 'column': 10}, body
    code, _, body = fetch('/api/mentions?name=Zelensky&limit=lots')
    assert code == 400 and json.loads(body)['code'] == 'invalid_argument', body
    code, _, body = fetch('/mentions.csv?name=Zelensky&q=(Putin')
    assert code == 400 and json.loads(body)['code'] == 'query_syntax', body
    assert fetch('/doc?id=no-such-document')[0] == 404
    names = '&'.join('name=N%d' % k for k in range(9))
    assert fetch('/api/counts?' + names)[0] == 400


def every_response_carries_the_security_headers():
    for path in ('/', '/?q=Istanbul', '/api/search?q=Istanbul', '/static/page.js', '/nowhere',
                 '/api/search?q=%22x', '/chart.svg?name=Putin'):
        code, headers, _ = fetch(path)
        assert headers['Content-Security-Policy'] == CSP, (path, headers)
        assert headers['X-Content-Type-Options'] == 'nosniff', path
    assert fetch('/static/page.css')[1]['Content-Type'].startswith('text/css')


def no_path_reaches_the_disk():
    for path in ('/../../etc/passwd', '/static/../../etc/passwd', '/static/%2e%2e/%2e%2e/etc/passwd',
                 '/static/', '/static/page.css/../../../etc/passwd', '/nowhere'):
        code, _, body = fetch(path)
        assert code == 404 and b'root:' not in body, (path, code)
    assert fetch('/nowhere')[1]['Content-Type'].startswith('text/html')


def oversized_and_other_requests_are_refused_not_fatal():
    code, _, _ = fetch('/?q=' + 'a' * (2 << 20))
    assert code in (400, 414), code
    assert fetch('/', method='POST')[0] == 405
    assert fetch('/', headers={'Host': 'evil.example:80'})[0] == 403  # DNS rebinding
    assert SERVER.poll() is None and fetch('/?q=Putin')[0] == 200


def bad_flags_and_missing_database_exit_2():
    for args in (['--port', 'http'], ['--port', '70000'], ['--db', os.path.join(WORK, 'none')],
                 ['--db', DB, 'stray']):
        r = run(SERVE, *args, rc=2, timeout=30)
        assert r.stdout == '' and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert 'concord-serve' in run(SERVE, '--help').stdout


def signals_stop_it_cleanly():
    p, base = start_server()
    p.send_signal(signal.SIGINT)
    assert p.wait(timeout=10) == 0
    SERVER.send_signal(signal.SIGTERM)
    assert SERVER.wait(timeout=10) == 0, SERVER.stderr.read()


started = time.monotonic()
try:
    run_all(globals(), skip=('start_server', 'cli'))
finally:
    if SERVER.poll() is None:
        SERVER.kill()
print('%.0f s in all' % (time.monotonic() - started))
finish()
