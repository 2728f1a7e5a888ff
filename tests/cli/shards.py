#!/usr/bin/env python3
"""Shards (docs/scaling.md): one database, the same documents in 2 shards
(through the directory, the stub file, several --db) and the shards served by
xapian-tcpsrv must give identical searches, mentions and counts; a shard that
cannot be reached is an error naming it, or skipped with --allow-partial.
Exits 77 (ctest: skipped) only when xapian-tcpsrv is not installed.
usage: shards.py BIN_DIR SOURCE_DIR WORK_DIR"""
import json, os, random, shutil, socket, subprocess, sys, time

from harness import BIN, SRC, WORK, check, finish, run

SKIP = 77

if shutil.which('xapian-tcpsrv') is None:
    print('SKIP: xapian-tcpsrv is not installed (Debian package xapian-tools); '
          'the shard tests need it to serve remote shards')
    sys.exit(SKIP)

servers = {}  # port -> Popen


def search(dbs, *args):
    flags = []
    for d in dbs if isinstance(dbs, list) else [dbs]:
        flags += ['--db', d]
    return run('concord-search', *flags, *args, rc=None)


# The corpus: the samples plus 200 short generated articles. Many share a
# template, so they tie in weight and in date: their order must not depend
# on docids (which differ between one database and its shards).
CORPUS = os.path.join(WORK, 'corpus')
shutil.copytree(os.path.join(SRC, 'corpus', 'samples'), os.path.join(CORPUS, 'samples'))
NAMES = ['Zelensky', 'Zelenskyy', 'Selenskyj', 'Зеленський', 'Putin', 'Путин', 'Poutine',
         'Erdogan', 'Kyiv', 'Kiev', 'Istanbul']
TEMPLATES = [
    '{a} and {b} discussed prisoners of war in Istanbul on Monday.',
    'Talks between {a} and {b} ended without a ceasefire, officials said.',
    'A statement from {a} welcomed the exchange of prisoners of war.',
    '{a} said the negotiations in Istanbul would resume after {b} replied.',
]
rng = random.Random(7)
for i in range(200):
    sub = os.path.join(CORPUS, 'gen', 'd%d' % (i % 7))
    os.makedirs(sub, exist_ok=True)
    a, b = rng.choice(NAMES), rng.choice(NAMES)
    body = ' '.join(rng.choice(TEMPLATES).format(a=a, b=b) for _ in range(rng.randint(1, 3)))
    day = '2025-06-%02d' % rng.randint(1, 9)
    with open(os.path.join(sub, 'n%03d.txt' % i), 'w', encoding='utf-8') as f:
        f.write('Report %d on the talks\n\n%s\n%s\n' % (i % 13, day, body))
# Articles in other languages and scripts, with emoji: every query kind is
# compared on them too.
OTHER_LANGS = [
    'Зеленський і Путін обговорили обмін полоненими в Стамбулі 👍. Переговори тривали '
    'кілька годин, а делегації погодилися продовжити обмін полоненими.',
    "Le président Zelensky a rencontré Erdogan à Istanbul ; l'échange de prisonniers ❤️ a "
    "eu lieu après des négociations difficiles entre les délégations.",
    'Selenskyj traf Erdoğan in Istanbul; die Gespräche über den Austausch von Gefangenen 🇺🇦 '
    'gingen nach langen Verhandlungen weiter.',
]
for i in range(12):
    sub = os.path.join(CORPUS, 'gen', 'other')
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, 'o%02d.txt' % i), 'w', encoding='utf-8') as f:
        f.write('%s\n\n2025-06-%02d\n%s\n' % (OTHER_LANGS[i % 3].split(' ')[0], 1 + i % 9,
                                               OTHER_LANGS[i % 3] * (1 + i % 2)))

SINGLE = os.path.join(WORK, 'single.db')
SHARDED = os.path.join(WORK, 'sharded')
STUB = os.path.join(SHARDED, 'XAPIANDB')
run('concord-index', '--db', SINGLE, CORPUS, rc=0)
run('concord-index', '--db', SHARDED, '--shards', '2', CORPUS, rc=0)
# Shards to be served over Xapian's remote backend carry their stems as terms
# (--stem-terms: the remote backend cannot read the stem table); they are
# compared with one database indexed the same way.
SINGLE_Z = os.path.join(WORK, 'single-z.db')
SHARDED_Z = os.path.join(WORK, 'sharded-z')
run('concord-index', '--db', SINGLE_Z, '--stem-terms', CORPUS, rc=0)
run('concord-index', '--db', SHARDED_Z, '--shards', '2', '--stem-terms', CORPUS, rc=0)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def serve(shard):
    """Serves a shard on a free loopback port with scripts/serve-shard."""
    port = free_port()
    # xapian-tcpsrv signals its whole process group when it stops: its own.
    p = subprocess.Popen([os.path.join(SRC, 'scripts', 'serve-shard'), shard, str(port)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         start_new_session=True)
    servers[port] = p
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
            return port
        except OSError:
            if p.poll() is not None:
                raise AssertionError('serve-shard %s exited: %s' % (shard, p.stderr.read()))
            time.sleep(0.05)
    raise AssertionError('serve-shard %s: port %d never opened' % (shard, port))


def stop(port):
    p = servers.pop(port)
    p.terminate()
    p.wait(timeout=10)


SHARD0, SHARD1 = os.path.join(SHARDED, 'shard-000'), os.path.join(SHARDED, 'shard-001')
ZSHARD0, ZSHARD1 = os.path.join(SHARDED_Z, 'shard-000'), os.path.join(SHARDED_Z, 'shard-001')
PORT0, PORT1 = serve(ZSHARD0), serve(ZSHARD1)
REMOTE = os.path.join(WORK, 'remote.stub')
with open(REMOTE, 'w') as f:
    f.write('# the two shards, each served by xapian-tcpsrv\n'
            'remote 127.0.0.1:%d\nremote 127.0.0.1:%d\n' % (PORT0, PORT1))
MIXED = os.path.join(WORK, 'mixed.stub')
with open(MIXED, 'w') as f:
    f.write('auto sharded-z/shard-000\nremote 127.0.0.1:%d\n' % PORT1)
PROG = os.path.join(WORK, 'prog.stub')  # xapian-progsrv on stdin/stdout, as over ssh
with open(PROG, 'w') as f:
    f.write('remote :xapian-progsrv %s\nauto %s\n' % (ZSHARD0, ZSHARD1))
ONE_REMOTE = os.path.join(WORK, 'one-remote.stub')
with open(ONE_REMOTE, 'w') as f:
    f.write('remote 127.0.0.1:%d\n' % PORT1)

# Every way of naming the sharded documents: local shards (compared with
# SINGLE) and remote ones (compared with SINGLE_Z).
VARIANTS = {
    'directory of shards': SHARDED,
    'stub file': STUB,
    'two --db shards': [SHARD0, SHARD1],
}
REMOTE_VARIANTS = {
    'remote shards (xapian-tcpsrv)': REMOTE,
    'local + remote in one stub': MIXED,
    'local --db + remote --db': [ZSHARD0, ONE_REMOTE],
    'xapian-progsrv + local in one stub': PROG,
    'local stem-terms shards': SHARDED_Z,
}

QUERIES = [
    ['Istanbul'],
    ['Зеленський'],                       # an alias: finds every spelling of Zelensky
    ['Selenskyj', '--no-aliases'],
    ['"prisoners of war"'],
    ['talks date:2025-06-03..2025-06-06'],
    ['Istanbul', '--sort', 'date'],
    ['prisoners lang:en', '--sort', 'date', '--offset', '7', '--limit', '9'],
    ['ceasefire OR exchange', '--offset', '3', '--limit', '5'],
    ['*', '--sort', 'date'],
    ['Putin NEAR/6 Istanbul'],
    ['negot*'],                           # expanded over all shards' words: same weights
    ['negot* NEAR/5 Istanbul'],
    ['"Ukrainian President Zelensky"'],   # a name inside a phrase
    ['title:Putin'],
    ['person:Zelensky NEAR/30 Erdogan'],
    ['-Putin Zelensky'],
]
# Every other query kind of docs/query-language.md, in several languages and
# scripts (compared as JSON Lines only, to keep the test short).
MORE_QUERIES = [
    ['Zelensky AND Putin'],
    ['Zelensky NOT Putin'],
    ['Zelensky NEAR Putin'],
    ['(Zelensky OR Putin) Istanbul'],
    ['"обмін полоненими"'],
    ['Стамбул* OR Istanbul'],
    ['Зеленський NEAR/5 Путін'],
    ['"échange de prisonniers"'],
    ['Gefangene*'],
    ['title:"on the talks"'],
    ['title:talk*'],
    ['lang:uk'],
    ['lang:fr Zelensky'],
    ['source:reuters'],
    ['date:2025-06-05..'],
    ['date:..2025-06-03'],
    ['date:2025-06'],
    ['date:2025 Erdogan'],
    ['place:Istanbul'],
    ['entity:Erdogan'],
    ['"prisoners of war" NEAR/8 Istanbul'],
    ['👍'],
    ['❤ OR 🇺🇦'],
    ['Istanbul', '--exact-total', '--limit', '3'],
]
# Not compared: --collapse, whose near-duplicate clusters are found within a
# shard at indexing (docs/scaling.md, "What differs from one database").
MENTIONS = [
    ['--mentions', 'Zelensky'],
    ['--mentions', 'Putin', 'Istanbul'],
    ['--mentions', 'Kyiv', '--context', '3'],
    ['--mentions', 'Зеленський', 'date:2025-06-03..'],
    ['--mentions', 'Erdogan', 'lang:fr OR lang:de'],
]
COUNTS = [
    ['--mentions', 'Zelensky', '--count-by', 'variant'],
    ['--mentions', 'Putin', '--count-by', 'date'],
    ['--mentions', 'Zelensky', '--count-by', 'month'],
    ['--mentions', 'Zelensky', '--count-by', 'source'],
    ['--mentions', 'Zelensky', '--count-by', 'lang'],
    ['--mentions', 'Erdogan', '--count-by', 'entity'],
    ['--mentions', 'Putin', 'lang:uk', '--count-by', 'variant'],
]


def outputs(db):
    """Everything compared between variants: stdout, exit status, --explain."""
    out = {}
    for q in QUERIES:
        for fmt in ('jsonl', 'json', 'text'):
            limit = [] if '--limit' in q else ['--limit', '500']
            r = search(db, *q, *limit, '--format', fmt, '--color', 'never')
            out[(tuple(q), fmt)] = (r.returncode, r.stdout)
    for q in MORE_QUERIES:
        limit = [] if '--limit' in q else ['--limit', '500']
        r = search(db, *q, *limit, '--format', 'jsonl')
        out[(tuple(q), 'jsonl')] = (r.returncode, r.stdout)
    for q in MENTIONS:
        r = search(db, *q, '--format', 'jsonl')
        out[(tuple(q), 'jsonl')] = (r.returncode, r.stdout)
        r = search(db, *q, '--format', 'text', '--color', 'never')
        out[(tuple(q), 'text')] = (r.returncode, r.stdout)
    for q in COUNTS:
        r = search(db, *q, '--format', 'jsonl')
        out[(tuple(q), 'jsonl')] = (r.returncode, r.stdout)
    for q in (['Зеленський'], ['--mentions', 'Putin']):
        r = search(db, *q, '--explain', '--format', 'jsonl')
        out[(tuple(q), 'explain')] = (r.returncode, r.stderr)
    return out


def assert_same(expected, got, what):
    for key in expected:
        if expected[key] != got[key]:
            e, g = expected[key][1].splitlines(), got[key][1].splitlines()
            first = next((i for i in range(min(len(e), len(g))) if e[i] != g[i]), min(len(e), len(g)))
            raise AssertionError('%s differs for %s (exit %s vs %s) at line %d:\n  single: %s\n'
                                 '  %s: %s' % (what, ' '.join(key[0]) + ' ' + key[1],
                                               expected[key][0], got[key][0], first + 1,
                                               e[first] if first < len(e) else '<end>', what,
                                               g[first] if first < len(g) else '<end>'))


BASELINE = outputs(SINGLE)


def baseline_is_not_trivial():
    rows = [json.loads(l) for l in BASELINE[(('Istanbul',), 'jsonl')][1].splitlines()]
    assert len(rows) > 50, len(rows)
    scores = [r['score'] for r in rows]
    assert len(scores) > len(set(scores)) + 20, 'too few weight ties to test their order'
    mentions = BASELINE[(('--mentions', 'Zelensky'), 'jsonl')][1].splitlines()
    assert len(mentions) > 50, len(mentions)
    assert all(v[0] in (0, 1) for v in BASELINE.values())
    # Every query kind finds something to compare.
    empty = [q for q in MORE_QUERIES + MENTIONS + COUNTS
             if BASELINE[(tuple(q), 'jsonl')][0] != 0]
    assert not empty, empty


def both_shards_hold_documents():
    for shard in (SHARD0, SHARD1):
        n = len(search(shard, '*', '--format', 'jsonl', '--limit', '1000').stdout.splitlines())
        assert 60 < n < 150, (shard, n)


def make_variant_check(name, db, baseline):
    def fn():
        assert_same(baseline(), outputs(db), name)
    fn.__name__ = 'identical_results_through_' + name.replace(' ', '_')
    return fn


# Words whose other forms only stemming finds, in several languages.
STEM_QUERIES = [['talk'], ['negotiation'], ['prisoner'], ['delegations'], ['statements'],
                ['Gespräch'], ['Verhandlung'], ['délégation'], ['négociation'],
                ['переговори'], ['делегація'], ['полонений'], ['talk lang:en'],
                ['prisoner OR négociation'], ['talk -Putin']]


def the_stem_table_finds_what_stem_terms_find():
    # Every document a stem term finds, and more: the stem table lists a word
    # under each stem the archive gave it, so an English text taken for
    # Ukrainian (its names are in Cyrillic) is found by "talk" through the
    # "talks" of English documents, where its own Z term was "talks". The
    # weights differ a little (a stem term counts the word typed twice: as
    # itself and in its stem).
    found_other_forms = 0
    for q in STEM_QUERIES:
        rows = {}
        for db in (SINGLE, SINGLE_Z):
            r = search(db, *q, '--format', 'jsonl', '--limit', '1000')
            assert r.returncode in (0, 1), (q, r.stderr)
            rows[db] = {json.loads(l)['id']: json.loads(l)['lang'] for l in r.stdout.splitlines()}
        missed = set(rows[SINGLE_Z]) - set(rows[SINGLE])
        assert not missed, (q, sorted(missed)[:5])
        extra = set(rows[SINGLE]) - set(rows[SINGLE_Z])
        if q == ['talk']:
            assert extra and all(rows[SINGLE][i] != 'en' for i in extra), extra
        exact = search(SINGLE, '"%s"' % q[0], '--format', 'jsonl', '--limit', '1000')
        found_other_forms += len(rows[SINGLE]) > len(exact.stdout.splitlines())
    assert found_other_forms >= 8, found_other_forms


def serving_a_shard_with_a_stem_table_warns():
    for shard, warned in ((SHARD0, True), (ZSHARD0, False)):
        port = free_port()
        p = subprocess.Popen([os.path.join(SRC, 'scripts', 'serve-shard'), shard, str(port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
        deadline = time.time() + 15
        while time.time() < deadline and p.poll() is None:
            try:
                socket.create_connection(('127.0.0.1', port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        p.terminate()
        err = p.communicate(timeout=10)[1]
        assert ('stem table' in err and '--stem-terms' in err) == warned, (shard, err)


def totals_are_identical_in_json():
    for db in [SINGLE, SINGLE_Z] + list(VARIANTS.values()) + list(REMOTE_VARIANTS.values()):
        j = json.loads(search(db, '*', '--format', 'json', '--limit', '0').stdout)
        assert j['total'] == 218 and j['total_exact'] and j['partial'] is False, (db, j)


def a_shard_alone_is_refused_for_indexing():
    r = run('concord-index', '--db', SHARD0, CORPUS, rc=2)
    assert 'shard 0 of a sharded database' in r.stderr, r.stderr


def a_mismatching_shard_count_is_an_error():
    r = run('concord-index', '--db', SHARDED, '--shards', '3', CORPUS, rc=2)
    assert 'has 2 shards, not 3' in r.stderr, r.stderr
    r = run('concord-index', '--db', SINGLE, '--shards', '2', CORPUS, rc=2)
    assert 'single' in r.stderr, r.stderr


def stub_lists_shards_with_relative_paths():
    lines = [l for l in open(STUB).read().splitlines() if l and not l.startswith('#')]
    assert lines == ['auto shard-000', 'auto shard-001'], lines


def a_stopped_server_is_an_error_naming_it():
    port = free_port()
    stub = os.path.join(WORK, 'dead.stub')
    with open(stub, 'w') as f:
        f.write('remote 127.0.0.1:%d\nremote 127.0.0.1:%d\n' % (PORT0, PORT1))
    stop(PORT1)
    r = search(stub, 'Istanbul', '--format', 'jsonl')
    # No results; under jsonl the error is also a JSON object on stdout.
    assert r.returncode == 2, (r.returncode, r.stdout[:200])
    assert '127.0.0.1:%d' % PORT1 in json.loads(r.stdout)['error']['message'], r.stdout
    assert '127.0.0.1:%d' % PORT1 in r.stderr and 'line 2 of' in r.stderr, r.stderr
    r = search(stub, '--mentions', 'Zelensky')
    assert r.returncode == 2 and '127.0.0.1:%d' % PORT1 in r.stderr, r.stderr
    del port

    # --allow-partial: the surviving shard's results, marked as partial.
    for q in (['Istanbul'], ['--mentions', 'Zelensky'],
              ['--mentions', 'Putin', '--count-by', 'date']):
        alone = search(ZSHARD0, *q, '--format', 'jsonl')
        part = search(stub, *q, '--format', 'jsonl', '--allow-partial')
        assert part.returncode == 0, part.stderr
        assert '127.0.0.1:%d' % PORT1 in part.stderr and 'partial' in part.stderr, part.stderr
        rows = [json.loads(l) for l in part.stdout.splitlines()]
        assert rows and all(r.pop('partial') is True for r in rows), part.stdout[:300]
        # Scores are weighed over the shards that answered: the same as one alone.
        assert rows == [json.loads(l) for l in alone.stdout.splitlines()], q
    text = search(stub, 'Istanbul', '--allow-partial', '--color', 'never').stdout
    assert text.splitlines()[-1].startswith('note: partial results'), text[-300:]
    j = json.loads(search(stub, 'Istanbul', '--allow-partial', '--format', 'json').stdout)
    assert j['partial'] is True and j['total'] > 0, j
    j = json.loads(search(stub, '--mentions', 'Zelensky', '--allow-partial',
                          '--format', 'json').stdout)
    assert j['partial'] is True and j['total_mentions'] > 0, j
    # All shards down: an error even with --allow-partial.
    stop(PORT0)
    r = search(stub, 'Istanbul', '--allow-partial')
    assert r.returncode == 2 and '127.0.0.1:%d' % PORT0 in r.stderr, r.stderr


def retag_reaches_every_shard():
    extra = os.path.join(WORK, 'memo.entities')
    with open(extra, 'w', encoding='utf-8') as f:
        f.write('[memorandum]\ntype: topic\nlabel: memorandum\nalias: memorandum | memo\n')
    dbs = {}
    for name, src in (('single', SINGLE), ('sharded', SHARDED)):
        dbs[name] = os.path.join(WORK, 'retag-' + name)
        shutil.copytree(src, dbs[name])
        r = search(dbs[name], '--entities', extra, 'memorandum')
        assert 'differ' in r.stderr, r.stderr
        out = run('concord-index', '--db', dbs[name], '--retag', '--entities', extra,
                  rc=0).stdout
        assert out.startswith('re-tagged 218 documents'), out
        r = search(dbs[name], '--entities', extra, 'memorandum')
        assert 'differ' not in r.stderr, r.stderr
    counts = [search(dbs[n], '--entities', extra, '--mentions', 'memorandum', '--count-by',
                     'entity', '--format', 'jsonl').stdout for n in ('single', 'sharded')]
    assert counts[0] == counts[1] and '"mentions"' in counts[0], counts


def reindexing_the_shards_is_a_no_op():
    out = run('concord-index', '--db', SHARDED, CORPUS, rc=0).stdout
    assert 'files: 0 added, 0 updated, 217 unchanged, 0 removed, 0 skipped; documents: 0 added, ' \
           '0 updated, 0 removed; 218 documents' in out, out


def merged_shards_search_like_one_database():
    merged = os.path.join(WORK, 'merged.db')
    r = run('concord-index', '--merge', '--db', SHARDED, '--out', merged, rc=0)
    assert '218 documents' in r.stdout, r.stdout
    assert_same(BASELINE, outputs(merged), 'merged')
    # A plain database now: indexable as such, with its file records.
    out = run('concord-index', '--db', merged, CORPUS, rc=0).stdout
    assert '217 unchanged' in out, out
    r = run('concord-index', '--merge', '--db', SHARDED, '--out', merged, rc=2)
    assert 'already exists' in r.stderr, r.stderr


def a_deleted_file_disappears_from_its_shard():
    victim = os.path.join(CORPUS, 'gen', 'd3', 'n010.txt')
    path = os.path.realpath(victim)
    os.remove(victim)
    for db in (SINGLE, SHARDED):
        out = run('concord-index', '--db', db, CORPUS, rc=0).stdout
        assert '1 removed' in out and '217 documents' in out, out
        rows = [json.loads(l) for l in search(db, '*', '--format', 'jsonl', '--limit',
                                              '1000').stdout.splitlines()]
        assert len(rows) == 217 and path not in {r['path'] for r in rows}, len(rows)
    assert_same(outputs(SINGLE), outputs(SHARDED), 'sharded after a deletion')


try:
    check('baseline_is_not_trivial', baseline_is_not_trivial)
    check('both_shards_hold_documents', both_shards_hold_documents)
    check('stub_lists_shards_with_relative_paths', stub_lists_shards_with_relative_paths)
    for variant, db in VARIANTS.items():
        fn = make_variant_check(variant, db, lambda: BASELINE)
        check(fn.__name__, fn)
    check('the_stem_table_finds_what_stem_terms_find_and_more',
          the_stem_table_finds_what_stem_terms_find)
    baseline_z = {}
    for variant, db in REMOTE_VARIANTS.items():
        fn = make_variant_check(variant, db,
                                lambda: baseline_z.setdefault('b', outputs(SINGLE_Z)))
        check(fn.__name__, fn)
    check('serving_a_shard_with_a_stem_table_warns', serving_a_shard_with_a_stem_table_warns)
    check('totals_are_identical_in_json', totals_are_identical_in_json)
    check('a_shard_alone_is_refused_for_indexing', a_shard_alone_is_refused_for_indexing)
    check('a_mismatching_shard_count_is_an_error', a_mismatching_shard_count_is_an_error)
    check('a_stopped_server_is_an_error_naming_it', a_stopped_server_is_an_error_naming_it)
    check('retag_reaches_every_shard', retag_reaches_every_shard)
    check('reindexing_the_shards_is_a_no_op', reindexing_the_shards_is_a_no_op)
    check('merged_shards_search_like_one_database', merged_shards_search_like_one_database)
    check('a_deleted_file_disappears_from_its_shard', a_deleted_file_disappears_from_its_shard)
finally:
    for port in list(servers):
        stop(port)

finish()
