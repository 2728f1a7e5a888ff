#!/usr/bin/env python3
"""CLI golden tests: concord-index and concord-search over corpus/samples and
small fixtures written here. Each check is named after the behaviour it pins.
usage: golden.py BIN_DIR SOURCE_DIR WORK_DIR"""
import json, os, shutil, subprocess, sys

BIN, SRC, WORK = sys.argv[1:4]
SAMPLES = os.path.join(SRC, 'corpus', 'samples')
failures = []
passed = 0


def run(tool, *args, check_rc=None):
    r = subprocess.run([os.path.join(BIN, tool), *args], capture_output=True, text=True)
    if check_rc is not None and r.returncode != check_rc:
        raise AssertionError('%s %s: exit %d, wanted %d\nstderr: %s' %
                             (tool, ' '.join(args), r.returncode, check_rc, r.stderr))
    return r


def search(db, *args, rc=0):
    return run('concord-search', '--db', db, *args, check_rc=rc)


def jsonl(r):
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def check(name, fn):
    global passed
    try:
        fn()
        passed += 1
        print('ok   ', name)
    except Exception as e:  # noqa: BLE001 - report every failure, keep going
        failures.append(name)
        print('FAIL ', name, '\n     ', str(e).replace('\n', '\n      '))


DB = os.path.join(WORK, 'samples.db')
run('concord-index', '--db', DB, SAMPLES, check_rc=0)


def istanbul_returns_all_six_documents_with_metadata():
    rows = jsonl(search(DB, 'Istanbul', '--format', 'jsonl'))
    assert len(rows) == 6, len(rows)
    for r in rows:
        for field in ('path', 'title', 'date', 'source', 'lang', 'score', 'snippet'):
            assert field in r, (field, r)
        assert r['title'], r
        assert len(r['date']) == 10, r


def reindexing_the_same_tree_keeps_six_documents():
    out = run('concord-index', '--db', DB, SAMPLES, check_rc=0).stdout
    assert '6 documents' in out, out
    assert len(jsonl(search(DB, 'Istanbul', '--format', 'jsonl'))) == 6


def digest_file_is_two_documents():
    rows = jsonl(search(DB, 'Istanbul', '--format', 'jsonl'))
    digest = [r for r in rows if os.path.basename(r['path']).startswith('000_')]
    assert len(digest) == 2, digest
    assert {r['date'] for r in digest} == {'2025-06-03', '2025-05-28'}, digest


def phrase_query_finds_exact_phrase():
    rows = jsonl(search(DB, '"prisoners of war"', '--format', 'jsonl'))
    assert rows, 'no result'
    for r in rows:
        assert 'prisoners of war' in r['snippet'].lower() or r['highlights'], r


def phrase_does_not_match_scattered_words():
    search(DB, '"war prisoners Istanbul"', '--format', 'jsonl', rc=1)


def lang_filter_restricts_documents():
    rows = jsonl(search(DB, 'Istanbul lang:en', '--format', 'jsonl'))
    assert rows and all(r['lang'] == 'en' for r in rows), rows
    search(DB, 'Istanbul lang:xx', '--format', 'jsonl', rc=1)


def date_filter_restricts_documents():
    rows = jsonl(search(DB, 'Istanbul date:2025-06-01..2025-06-30', '--format', 'jsonl'))
    assert rows and all('2025-06-01' <= r['date'] <= '2025-06-30' for r in rows), rows
    assert len(rows) < 6


def malformed_query_names_the_column_and_exits_2():
    r = search(DB, '(Zelensky AND', rc=2)
    assert 'column' in r.stderr, r.stderr
    r = search(DB, 'date:2025-13-45..x', rc=2)
    assert 'column' in r.stderr and '2025-13-45' in r.stderr, r.stderr
    assert r.stdout == '', r.stdout


def no_result_exits_1():
    search(DB, 'xyzzyplugh', rc=1)


def structured_formats_carry_a_version_or_header():
    j = json.loads(search(DB, 'Istanbul', '--format', 'json').stdout)
    assert j['format_version'] == 1 and len(j['results']) == 6
    csv = search(DB, 'Istanbul', '--format', 'csv').stdout.splitlines()
    assert csv[0].startswith('rank,path,'), csv[0]
    tsv = search(DB, 'Istanbul', '--format', 'tsv').stdout.splitlines()
    assert tsv[0].split('\t')[0] == 'rank' and len(tsv) == 7, tsv[0]


def snippet_highlights_the_matched_word():
    rows = jsonl(search(DB, 'Medinsky', '--format', 'jsonl'))
    assert rows
    for r in rows:
        spans = r['highlights']
        assert spans, r
        s, e = spans[0]
        assert r['snippet'][s:e].lower().startswith('medinsk'), (r['snippet'][s:e])


def color_always_uses_terminal_bold():
    out = search(DB, 'Medinsky', '--color=always').stdout
    assert '\x1b[1' in out, out[:200]
    out = search(DB, 'Medinsky', '--color=never').stdout
    assert '\x1b' not in out


# French fixtures written here: elision, accents, stemming.
FR = os.path.join(WORK, 'fr')
os.makedirs(FR)
with open(os.path.join(FR, 'otan.txt'), 'w', encoding='utf-8') as f:
    f.write("L'adhésion à l'OTAN\n\nLe 4 juin 2025, les négociateurs ukrainiens ont rappelé "
            "que l'Ukraine souhaite rejoindre l'OTAN. Les négociations reprendront à Istanbul.\n")
with open(os.path.join(FR, 'echange.txt'), 'w', encoding='utf-8') as f:
    f.write("Échange de prisonniers\n\nLe 2 juin 2025, la Russie et l'Ukraine sont convenues "
            "d'échanger des prisonniers blessés. Le prisonnier le plus jeune avait dix-huit ans.\n")
FRDB = os.path.join(WORK, 'fr.db')
run('concord-index', '--db', FRDB, FR, check_rc=0)


def elided_word_is_found_without_its_article():
    rows = jsonl(search(FRDB, 'OTAN', '--format', 'jsonl', '--no-aliases'))
    assert [os.path.basename(r['path']) for r in rows] == ['otan.txt'], rows


def accented_words_are_found_unaccented():
    rows = jsonl(search(FRDB, 'negociations', '--format', 'jsonl'))
    assert len(rows) == 1 and rows[0]['lang'] == 'fr', rows
    rows = jsonl(search(FRDB, 'echange', '--format', 'jsonl'))
    assert len(rows) == 1, rows


def french_stemming_joins_singular_and_plural():
    rows = jsonl(search(FRDB, 'prisonnier', '--format', 'jsonl'))
    assert len(rows) == 1, rows
    rows = jsonl(search(FRDB, 'blesse', '--format', 'jsonl'))
    assert len(rows) == 1, rows


def missing_database_is_a_clear_error():
    r = search(os.path.join(WORK, 'nope.db'), 'x', rc=2)
    assert 'nope.db' in r.stderr, r.stderr


for name, fn in list(globals().items()):
    if callable(fn) and fn.__module__ == '__main__' and name not in (
            'run', 'search', 'jsonl', 'check', 'main') and not name.startswith('_'):
        if fn.__code__.co_argcount == 0:
            check(name, fn)

print('%d passed, %d failed' % (passed, len(failures)))
sys.exit(1 if failures else 0)
