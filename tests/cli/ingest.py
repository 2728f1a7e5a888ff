#!/usr/bin/env python3
"""Ingestion tests: concord-index over a generated tree of every supported
format and every kind of bad input; incremental re-runs; kill -9 recovery;
searching while indexing. usage: ingest.py BIN_DIR SOURCE_DIR WORK_DIR"""
import gzip, io, json, os, re, shutil, signal, subprocess, sys, tarfile, time, zipfile

from harness import BIN, SRC, WORK, finish, jsonl, run, run_all


def summary(r):
    """The counts of concord-index's summary line as a dict."""
    line = r.stdout.strip().splitlines()[-1]
    out = {}
    for part in ('files', 'documents'):
        seg = line.split(part + ':')[1].split(';')[0]
        for item in seg.split(','):
            n, what = item.split()
            out[part + '.' + what] = int(n)
    out['total'] = int(line.split('; ')[2].split()[0]) if 'documents in' in line else None
    return out


def docs(db, query='*'):
    return jsonl(run('concord-search', '--db', db, '--format', 'jsonl', '--limit', '10000', query,
                     rc=None))


HTML = '''<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Poutine et Zelensky | Le Journal</title>
<meta property="og:site_name" content="Le Journal">
<meta property="article:published_time" content="2025-06-02T10:00:00+02:00">
<link rel="canonical" href="https://example.org/a"></head>
<body><nav>Accueil Monde Sport</nav><article><h1>Poutine et Zelensky</h1>
<p>Les délégations se sont retrouvées à Istanbul lundi.</p>
<p>Rustem Oumerov conduisait la délégation ukrainienne.</p></article>
<footer>Tous droits réservés</footer><script>var x = "Istanbul";</script></body></html>'''

RSS = '''<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
<title>Wire Feed</title><language>en</language>
<item><title>Talks in Istanbul</title><link>https://example.org/1</link>
<guid>w-1</guid><pubDate>Mon, 02 Jun 2025 09:00:00 +0000</pubDate>
<description>&lt;p&gt;Delegations met in Istanbul on Monday.&lt;/p&gt;</description></item>
<item><title>Umerov speaks</title><link>https://example.org/2</link>
<guid>w-2</guid><pubDate>Tue, 03 Jun 2025 09:00:00 +0000</pubDate>
<description>Rustem Umerov said the memorandum was delivered.</description></item>
</channel></rss>'''

ATOM = '''<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom News</title>
<entry><id>urn:a:1</id><title>Kyiv responds</title><published>2025-06-04T08:00:00Z</published>
<link rel="alternate" href="https://example.org/atom/1"/>
<content type="html">&lt;p&gt;Kyiv rejected the Russian memorandum.&lt;/p&gt;</content></entry>
</feed>'''

WIRE = ('Russian and Ukrainian delegations met in Istanbul on Monday for a second round of '
        'direct peace talks that lasted about an hour and ended with an agreement to exchange '
        'prisoners of war, including the youngest and the most severely wounded soldiers, and '
        'to return the bodies of twelve thousand fallen soldiers to their families.')


def warc_record(uri, body, date='2025-06-05T12:00:00Z'):
    http = (b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' + body)
    head = ('WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: %s\r\n'
            'Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n'
            % (uri, date, len(http))).encode()
    return head + http + b'\r\n\r\n'


def write(path, data, mode='wb'):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(data)


def build_tree(root):
    shutil.rmtree(root, ignore_errors=True)
    write(root + '/good/plain.txt', b'Zelensky met Erdogan in Istanbul.\n')
    write(root + '/good/page.html', HTML.encode())
    write(root + '/good/feed.rss', RSS.encode())
    write(root + '/good/feed.atom', ATOM.encode())
    write(root + '/good/records.jsonl', (
        json.dumps({'id': 'r1', 'title': 'Peskov', 'date': '2025-06-03', 'text': 'Peskov spoke.'})
        + '\n' + json.dumps({'id': 'r2', 'text': 'Lavrov was silent in Moscow.'}) + '\n').encode())
    warc = (warc_record('https://example.org/w1', b'<html><title>W1</title><body><p>Medinsky '
                        b'led the Russian side in Istanbul.</p></body></html>')
            + warc_record('https://example.org/w2', b'<html><title>W2</title><body><p>Sybiha '
                          b'spoke in Kyiv.</p></body></html>'))
    write(root + '/good/crawl.warc.gz', gzip.compress(warc))
    zbuf = io.BytesIO()
    with zipfile.ZipFile(zbuf, 'w') as z:
        z.writestr('pages/a.html', '<html><title>Zip A</title><body><p>Witkoff arrived in '
                   'Istanbul.</p></body></html>')
        z.writestr('pages/b.txt', 'Rubio called Lavrov.\n')
    write(root + '/good/bundle.zip', zbuf.getvalue())
    tbuf = io.BytesIO()
    with tarfile.open(fileobj=tbuf, mode='w:gz') as t:
        data = b'Kellogg visited Kyiv.\n'
        info = tarfile.TarInfo('inner/k.txt')
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    write(root + '/good/bundle.tar.gz', tbuf.getvalue())
    # Two copies of a wire story with different headlines: near-duplicates.
    write(root + '/good/wire-a.txt', ('Talks end in Istanbul\n\n' + WIRE + '\n').encode())
    write(root + '/good/wire-b.txt', ('Istanbul talks: a second round\n\n' + WIRE +
                                      ' (Reporting by a wire service.)\n').encode())
    # Bad inputs: each warned about once, the rest indexed.
    write(root + '/bad/latin1.txt', 'Négociations à Istanbul, déclaration de Poutine.\n'
          .encode('latin-1'))
    write(root + '/bad/broken-utf8.txt', b'Zelensky \xff\xfe spoke in Kyiv.\n')
    write(root + '/bad/binary.bin', bytes(range(256)) * 16)
    write(root + '/bad/empty.txt', b'')
    write(root + '/bad/malformed.html', b'<html><title>Broken<body><p>Putin said <b>nothing'
                                        b'<div></span></p>')
    write(root + '/bad/malformed.rss', RSS.encode()[:len(RSS) // 2 + 40])
    write(root + '/bad/mixed.jsonl', b'{"id": "m1", "text": "Kyiv is calm."}\n{not json}\n'
                                     b'{"id": "m2", "text": "Moscow is quiet."}\n')
    packed = gzip.compress(' '.join('Kharkiv report %d under fire.' % i
                                    for i in range(20000)).encode())
    write(root + '/bad/truncated.txt.gz', packed[:len(packed) // 2])
    write(root + '/bad/truncated.warc', warc[:len(warc) - 40])
    write(root + '/bad/' + os.fsdecode(b'name-\xff-latin.txt'), b'Sumy was shelled.\n')
    os.makedirs(root + '/bad/loop', exist_ok=True)
    os.symlink('..', root + '/bad/loop/up')


TREE = os.path.join(WORK, 'tree')
DB = os.path.join(WORK, 'ingest.db')
build_tree(TREE)
FIRST = run('concord-index', '--db', DB, '--quiet', TREE, rc=0)


def mixed_tree_indexes_every_good_document():
    rows = docs(DB)
    paths = sorted(r['path'].replace(TREE + '/', '') for r in rows)
    for want in ('good/plain.txt', 'good/page.html', 'good/records.jsonl', 'good/bundle.zip!pages/a.html',
                 'good/bundle.zip!pages/b.txt', 'good/bundle.tar.gz!inner/k.txt',
                 'bad/latin1.txt', 'bad/broken-utf8.txt', 'bad/malformed.html'):
        assert any(p.startswith(want) for p in paths), (want, paths)
    assert sum(p.startswith('good/feed.rss') for p in paths) == 2, paths
    assert sum(p.startswith('good/feed.atom') for p in paths) == 1, paths
    assert sum(p.startswith('good/crawl.warc') for p in paths) == 2, paths
    assert sum(p.startswith('bad/mixed.jsonl') for p in paths) == 2, paths
    for r in rows:
        assert r['title'] and r['lang'], r


def metadata_comes_from_each_format():
    by = {r['id'].replace(TREE + '/', ''): r for r in docs(DB)}
    page = by['good/page.html']
    assert page['date'] == '2025-06-02' and page['source'] == 'Le Journal', page
    assert page['lang'] == 'fr' and page['url'] == 'https://example.org/a', page
    rss = [r for p, r in by.items() if p.startswith('good/feed.rss')]
    assert sorted(r['date'] for r in rss) == ['2025-06-02', '2025-06-03'], rss
    assert all(r['source'] == 'Wire Feed' for r in rss), rss
    warc = [r for p, r in by.items() if p.startswith('good/crawl.warc')]
    assert all(r['date'] == '2025-06-05' and r['url'].startswith('https://') for r in warc), warc


def boilerplate_is_not_indexed():
    assert not [r for r in docs(DB, 'droits') if r['path'].endswith('page.html')]
    assert [r for r in docs(DB, 'Oumerov') if r['path'].endswith('page.html')]


def every_bad_input_is_warned_about_once():
    err = FIRST.stderr
    for name in ('latin1.txt', 'broken-utf8.txt', 'binary.bin', 'empty.txt', 'malformed.rss',
                 'mixed.jsonl', 'truncated.txt.gz', 'truncated.warc'):
        n = sum(1 for l in err.splitlines() if 'warning:' in l and name in l)
        assert n == 1, (name, n, err)
    assert 'good/' not in err, err


def legacy_encoding_is_decoded():
    rows = [r for r in docs(DB, 'Négociations') if r['path'].endswith('latin1.txt')]
    assert rows, docs(DB, 'Négociations')


def second_run_changes_nothing():
    s = summary(run('concord-index', '--db', DB, '--quiet', TREE))
    assert s['files.added'] == s['files.updated'] == s['files.removed'] == 0, s
    assert s['documents.added'] == s['documents.updated'] == s['documents.removed'] == 0, s


def edits_touches_and_deletions_are_counted():
    db = os.path.join(WORK, 'incr.db')
    tree = os.path.join(WORK, 'incr')
    shutil.rmtree(tree, ignore_errors=True)
    for i in range(4):
        write('%s/f%d.txt' % (tree, i), ('Document %d about Kyiv.\n' % i).encode())
    s = summary(run('concord-index', '--db', db, '--quiet', tree))
    assert s['files.added'] == 4, s
    # Same second as the last run: an edit must still be seen (racy mtime).
    write(tree + '/f0.txt', b'Document 0 rewritten about Moscow.\n')
    os.utime(tree + '/f1.txt')                      # touched, same content
    os.remove(tree + '/f2.txt')                     # deleted
    write(tree + '/f9.txt', b'A new document about Sumy.\n')
    s = summary(run('concord-index', '--db', db, '--quiet', tree))
    assert (s['files.added'], s['files.updated'], s['files.removed']) == (1, 1, 1), s
    assert s['files.unchanged'] == 2, s
    assert len(docs(db)) == 4, docs(db)
    assert [r for r in docs(db, 'Moscow')], 'edit not indexed'
    s = summary(run('concord-index', '--db', db, '--quiet', '--no-prune', tree))
    assert s['files.removed'] == 0, s


def strict_turns_warnings_into_exit_3():
    db = os.path.join(WORK, 'strict.db')
    run('concord-index', '--db', db, '--quiet', '--strict', TREE + '/bad', rc=3)
    run('concord-index', '--db', db + '2', '--quiet', '--strict', TREE + '/good', rc=0)


def a_file_dense_with_names_is_indexed_in_parts_between_good_files():
    # 20 MB in the Release suite; 9 under the sanitizers (CONCORD_TEST_DENSE_MB).
    mb = int(os.environ.get('CONCORD_TEST_DENSE_MB', '20'))
    root = os.path.join(WORK, 'dense')
    os.makedirs(root, exist_ok=True)
    write(os.path.join(root, 'a_good.txt'), 'Good news\n\nThe talks in Istanbul went well.\n', 'w')
    line = 'Zelensky Putin Erdogan Umerov. '
    repeats = mb * 1024 * 1024 // len(line)
    write(os.path.join(root, 'b_dense.txt'), line * repeats, 'w')
    write(os.path.join(root, 'c_good.txt'), 'More news\n\nPutin spoke about Istanbul.\n', 'w')
    db = os.path.join(WORK, 'dense.db')
    r = run('concord-index', '--db', db, root)
    m = re.search(r'b_dense.txt: (?:an article of \d+ MB .*is indexed as|\d+ MB of plain text, '
                  r'indexed as) (\d+) parts', r.stderr)
    assert m, r.stderr
    found = {os.path.basename(d['path']) for d in docs(db, 'Istanbul')}
    assert found == {'a_good.txt', 'c_good.txt'}, found
    parts = [d for d in docs(db) if d['path'].endswith('b_dense.txt')]
    assert len(parts) == int(m.group(1)) and len(parts) >= mb // 4, (len(parts), m.group(0))
    # Too many mentions to store with each part: listed by matching the text.
    r = run('concord-search', '--db', db, '--mentions', 'Umerov', '--count-by', 'entity',
            '--format', 'jsonl')
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    assert rows[0]['mentions'] == repeats and rows[0]['documents'] == len(parts), rows
    again = summary(run('concord-index', '--db', db, root))
    assert again['files.unchanged'] == 3 and again['documents.added'] == 0, again
    # --strict: the same, committed, then exit 3 for the warning.
    strict = os.path.join(WORK, 'dense-strict.db')
    run('concord-index', '--db', strict, '--strict', '--quiet', root, rc=3)
    assert {os.path.basename(d['path']) for d in docs(strict, 'Istanbul')} == found


def marker(i):
    """A word of letters only, unique for i: "mkbd"."""
    return 'mk' + ''.join(chr(ord('a') + int(d)) for d in str(i))


def a_gzip_bomb_is_indexed_in_parts_as_it_is_decompressed():
    # 160 MB of text (mostly blank lines, a marker every MB) in a 170 KB gzip;
    # the sanitizer builds, several times slower, use 40 MB (still over the
    # 32 MB that plain text may be held whole).
    mb = int(os.environ.get('CONCORD_TEST_BOMB_MB', '160'))
    root = os.path.join(WORK, 'bomb')
    os.makedirs(root, exist_ok=True)
    write(os.path.join(root, 'a_good.txt'), 'Good news\n\nThe talks in Istanbul went well.\n', 'w')
    with gzip.open(os.path.join(root, 'b_bomb.txt.gz'), 'wb', compresslevel=9) as f:
        for i in range(mb):
            f.write(('%s from the long dump about Odesa.\n' % marker(i)).encode() +
                    b'\n' * (1 << 20))
    assert os.path.getsize(os.path.join(root, 'b_bomb.txt.gz')) < 400 * 1024
    write(os.path.join(root, 'c_good.txt'), 'More news\n\nPutin spoke about Istanbul.\n', 'w')
    db = os.path.join(WORK, 'bomb.db')
    r = run('concord-index', '--db', db, root)
    m = re.search(r'b_bomb.txt: %d MB of plain text, indexed as (\d+) parts' % mb, r.stderr)
    assert m and mb // 4 <= int(m.group(1)) <= mb // 4 + 2, r.stderr
    assert {os.path.basename(d['path']) for d in docs(db, 'Istanbul')} == {'a_good.txt',
                                                                         'c_good.txt'}
    # Every marker is there, the last MB's too: nothing was cut at a size limit.
    parts = docs(db, 'Odesa')
    assert mb // 4 - 2 <= len(parts) <= mb // 4 + 2, len(parts)
    assert all(p['path'].endswith('b_bomb.txt') for p in parts), parts
    for i in (1, mb // 2, mb - 1):  # (every part's title repeats the first)
        assert len(docs(db, marker(i))) == 1, marker(i)
    again = summary(run('concord-index', '--db', db, root))
    assert again['files.unchanged'] == 3 and again['documents.added'] == 0, again


def a_warc_record_too_large_to_hold_is_read_as_it_streams():
    root = os.path.join(WORK, 'bigwarc')
    os.makedirs(root, exist_ok=True)
    para = '<p>Paragraph %d of the crawled report from Istanbul.</p>\n'
    body = ('<html><head><title>Crawled report</title></head><body>' +
            ''.join(para % i for i in range(700000)) + '<p>LastParagraph.</p></body></html>')
    http = ('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n' + body).encode()
    with gzip.open(os.path.join(root, 'crawl.warc.gz'), 'wb', compresslevel=1) as f:
        f.write(('WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/r\r\n'
                 'WARC-Date: 2025-06-02T00:00:00Z\r\nContent-Length: %d\r\n\r\n'
                 % len(http)).encode() + http + b'\r\n\r\n')
    assert len(http) > 32 << 20
    db = os.path.join(WORK, 'bigwarc.db')
    r = run('concord-index', '--db', db, root)
    m = re.search(r'crawl.warc#https://example.org/r: 40 MB of HTML, indexed as (\d+) parts',
                  r.stderr)
    assert m and int(m.group(1)) >= 5, r.stderr
    last = docs(db, 'LastParagraph')
    assert len(last) == 1 and last[0]['title'] == 'Crawled report (part %s)' % m.group(1), last
    assert len(docs(db, 'Istanbul')) == int(m.group(1))


def ids_of(db):
    return sorted(d['id'] for d in docs(db))


def links_replacing_files_and_folders_leave_nothing_stale():
    root = os.path.join(WORK, 'links')
    elsewhere = os.path.join(WORK, 'links-copy')
    write(root + '/x.txt', 'Story x about Kharkiv.\n', 'w')
    write(root + '/y.txt', 'Story y about Kharkiv.\n', 'w')
    write(root + '/d/a.txt', 'Story a about Odesa.\n', 'w')
    write(elsewhere + '/a.txt', 'Story a about Odesa, the copy.\n', 'w')
    db = os.path.join(WORK, 'links.db')
    run('concord-index', '--db', db, '--quiet', root)
    real = os.path.realpath(root)
    assert ids_of(db) == [real + '/d/a.txt', real + '/x.txt', real + '/y.txt'], ids_of(db)
    # A file replaced by a link to another indexed file: one document, no stale text.
    os.remove(root + '/x.txt')
    os.symlink('y.txt', root + '/x.txt')
    s = summary(run('concord-index', '--db', db, '--quiet', root))
    assert s['files.removed'] == 1 and ids_of(db) == [real + '/d/a.txt', real + '/y.txt'], \
        (s, ids_of(db))
    # A folder replaced by a link to a copy elsewhere: the copy's files, once.
    shutil.rmtree(root + '/d')
    os.symlink(elsewhere, root + '/d')
    run('concord-index', '--db', db, '--quiet', root)
    copy = os.path.realpath(elsewhere)
    assert ids_of(db) == [copy + '/a.txt', real + '/y.txt'], ids_of(db)
    assert docs(db, 'copy')[0]['path'] == root + '/d/a.txt'
    # The link removed: its documents go, though they live outside the root.
    os.remove(root + '/d')
    s = summary(run('concord-index', '--db', db, '--quiet', root))
    assert s['files.removed'] == 1 and ids_of(db) == [real + '/y.txt'], (s, ids_of(db))


def loops_and_dangling_links_are_warned_about():
    root = os.path.join(WORK, 'loops')
    write(root + '/d/a.txt', 'Story about Odesa.\n', 'w')
    os.symlink('..', root + '/d/up')
    os.symlink('nowhere.txt', root + '/dangling.txt')
    os.symlink('self', root + '/self')
    r = run('concord-index', '--db', os.path.join(WORK, 'loops.db'), root)
    assert 'd/up: a symbolic link loop (back to ' in r.stderr, r.stderr
    assert 'dangling.txt: a symbolic link to nothing (nowhere.txt); skipped' in r.stderr, r.stderr
    assert 'self: a symbolic link to itself, through a loop of links; skipped' in r.stderr, r.stderr
    s = summary(r)
    assert s['files.added'] == 1 and s['files.skipped'] == 3, s


def verify_catches_an_edit_that_kept_size_and_time():
    root = os.path.join(WORK, 'verify')
    path = root + '/story.txt'
    write(path, 'The delegations met in Istanbul.\n', 'w')
    old = time.time() - 3600
    os.utime(path, (old, old))
    db = os.path.join(WORK, 'verify.db')
    run('concord-index', '--db', db, '--quiet', root)
    write(path, 'The delegations met in Ankara!!!\n', 'w')  # same size
    os.utime(path, (old, old))                               # same time (cp -p, rsync -t)
    s = summary(run('concord-index', '--db', db, '--quiet', root))
    assert s['files.unchanged'] == 1 and len(docs(db, 'Ankara')) == 0, s  # documented miss
    s = summary(run('concord-index', '--db', db, '--quiet', '--verify', root))
    assert s['files.updated'] == 1 and len(docs(db, 'Ankara')) == 1, s
    assert len(docs(db, 'Istanbul')) == 0
    s = summary(run('concord-index', '--db', db, '--quiet', '--verify', root))
    assert s['files.unchanged'] == 1 and s['documents.updated'] == 0, s


def a_missing_path_is_an_error_and_creates_nothing():
    db = os.path.join(WORK, 'never.db')
    r = run('concord-index', '--db', db, os.path.join(WORK, 'no-such-dir'), TREE + '/good', rc=2)
    assert 'no-such-dir: no such file or directory' in r.stderr, r.stderr
    assert not os.path.exists(db), 'database created'


def collapse_folds_near_duplicates():
    rows = docs(DB, 'prisoners')
    wire = [r for r in rows if 'wire-' in r['path']]
    assert len(wire) == 2, rows
    r = run('concord-search', '--db', DB, '--collapse', '--format', 'jsonl', 'prisoners')
    rows = [json.loads(l) for l in r.stdout.splitlines()]
    wire = [r for r in rows if 'wire-' in r['path']]
    assert len(wire) == 1 and wire[0]['copies'] == 1, rows


def field_mapping_reads_other_json_keys():
    db = os.path.join(WORK, 'fields.db')
    write(WORK + '/fields/x.jsonl', b'{"body": "Umerov in Istanbul.", "headline": "H1"}\n')
    run('concord-index', '--db', db, '--quiet', '--field', 'text=body', '--field',
        'title=headline', WORK + '/fields')
    rows = docs(db)
    assert len(rows) == 1 and rows[0]['title'] == 'H1', rows
    run('concord-index', '--db', db, '--field', 'nonsense', WORK + '/fields', rc=2)


def kill_9_never_loses_or_doubles_documents():
    tree = os.path.join(WORK, 'many')
    shutil.rmtree(tree, ignore_errors=True)
    for i in range(300):
        write('%s/d%03d.txt' % (tree, i), ('Title %d\n\n' % i + WIRE.replace('Istanbul', 'City%d'
                                                                            % i) * 3).encode())
    for attempt in range(3):
        db = os.path.join(WORK, 'kill%d.db' % attempt)
        p = subprocess.Popen([os.path.join(BIN, 'concord-index'), '--db', db, '--quiet',
                              '--batch-mb', '1', tree], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(0.3 + 0.4 * attempt)
        p.send_signal(signal.SIGKILL)
        p.wait()
        # Whatever was committed is searchable now.
        if os.path.exists(db):
            docs(db)
        run('concord-index', '--db', db, '--quiet', tree)
        rows = docs(db)
        ids = [r['id'] for r in rows]
        assert len(ids) == 300 and len(set(ids)) == 300, (attempt, len(ids), len(set(ids)))


def ctrl_c_commits_and_summarises():
    tree = os.path.join(WORK, 'many')
    db = os.path.join(WORK, 'int.db')
    p = subprocess.Popen([os.path.join(BIN, 'concord-index'), '--db', db, '--quiet', tree],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.5)
    p.send_signal(signal.SIGINT)
    out, _ = p.communicate()
    if p.returncode == 0:
        return  # finished before the signal: nothing to check
    assert p.returncode == 130 and b'interrupted' in out, (p.returncode, out)
    n = len(docs(db))
    s = summary(run('concord-index', '--db', db, '--quiet', tree))
    assert len(docs(db)) == 300 and s['files.added'] == 300 - n, (n, s)


def searching_while_indexing_never_fails():
    tree = os.path.join(WORK, 'many')
    db = os.path.join(WORK, 'concurrent.db')
    run('concord-index', '--db', db, '--quiet', tree + '/d000.txt')
    p = subprocess.Popen([os.path.join(BIN, 'concord-index'), '--db', db, '--quiet',
                          '--batch-mb', '1', tree], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    searches = 0
    while p.poll() is None or searches < 5:
        r = run('concord-search', '--db', db, '--format', 'jsonl', 'prisoners', rc=None)
        assert r.returncode == 0, r.stderr
        searches += 1
    assert p.returncode == 0


# Huge single inputs test memory bounds; the sanitizer stages skip them
# (CONCORD_TEST_BIG_INPUTS=0: instrumented builds take minutes over them, and
# corpus_test covers the same code on small inputs), the Release suite runs them.
BIG_INPUTS = ('a_file_dense_with_names_is_indexed_in_parts_between_good_files',
              'a_gzip_bomb_is_indexed_in_parts_as_it_is_decompressed',
              'a_warc_record_too_large_to_hold_is_read_as_it_streams')
skip_big = os.environ.get('CONCORD_TEST_BIG_INPUTS', '1') == '0'
if skip_big:
    for name in BIG_INPUTS:
        print('skip ', name, '(CONCORD_TEST_BIG_INPUTS=0)')
run_all(globals(), skip=('summary', 'docs', 'write', 'build_tree', 'warc_record', 'marker',
                         'ids_of') + (BIG_INPUTS if skip_big else ()))
finish()
