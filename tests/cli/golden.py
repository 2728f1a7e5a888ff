#!/usr/bin/env python3
"""CLI golden tests: concord-index and concord-search over corpus/samples and
small fixtures written here. Each check is named after the behaviour it pins.
usage: golden.py BIN_DIR SOURCE_DIR WORK_DIR"""
import csv, io, json, os, re, shutil

from harness import SRC, WORK, check, finish, jsonl, run, run_all

SAMPLES = os.path.join(SRC, 'corpus', 'samples')


def search(db, *args, rc=0):
    return run('concord-search', '--db', db, *args, rc=rc)


DB = os.path.join(WORK, 'samples.db')
run('concord-index', '--db', DB, SAMPLES, rc=0)


def istanbul_returns_all_six_documents_with_metadata():
    rows = jsonl(search(DB, 'Istanbul', '--format', 'jsonl'))
    assert len(rows) == 6, len(rows)
    for r in rows:
        for field in ('path', 'title', 'date', 'source', 'lang', 'score', 'snippet'):
            assert field in r, (field, r)
        assert r['title'], r
        assert len(r['date']) == 10, r


def reindexing_the_same_tree_keeps_six_documents():
    out = run('concord-index', '--db', DB, SAMPLES, rc=0).stdout
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
        marked = [r['snippet'][s:e] for s, e in r['highlights']]
        # The word itself, or the full-name mention it belongs to.
        assert any(w.lower().startswith('medinsk') for w in marked), marked
        assert set(w.lower() for w in marked) <= {'medinsky', 'vladimir'}, marked


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
run('concord-index', '--db', FRDB, FR, rc=0)


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


def version_matches_the_public_header():
    import re
    header = open(os.path.join(SRC, 'include', 'concord', 'version.hpp'), encoding='utf-8').read()
    want = re.search(r'CONCORD_VERSION_STRING "([^"]+)"', header).group(1)
    assert run('concord-index', '--version', rc=0).stdout == 'concord-index %s\n' % want
    assert run('concord-search', '--version', rc=0).stdout == 'concord-search %s\n' % want


def missing_database_is_a_clear_error():
    r = search(os.path.join(WORK, 'nope.db'), 'x', rc=2)
    assert 'nope.db' in r.stderr, r.stderr



# --- every mention (issue: entity dictionary, matching ladder, mention listing)

def _file_text(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def every_zelensky_mention_in_the_samples_with_exact_offsets():
    import re
    rows = jsonl(search(DB, '--mentions', 'Zelensky', '--format', 'jsonl', '--limit', '1000'))
    # The oracle: every word starting "Zelensk" in the six articles is him
    # (the samples never name Olena Zelenska).
    want = {}
    for name in sorted(os.listdir(SAMPLES)):
        if name.endswith('.txt'):
            want[name] = [m.start() for m in re.finditer(r'Zelensk', _file_text(
                os.path.join(SAMPLES, name)))]
    got = {}
    for r in rows:
        path = os.path.join(SRC, r['path']) if not os.path.isabs(r['path']) else r['path']
        text = _file_text(path)
        raw = open(path, 'rb').read()
        assert text[r['start']:r['end']] == r['surface'], r
        assert raw[r['byte_start']:r['byte_end']].decode('utf-8') == r['surface'], r
        assert r['entity'] == 'zelenskyy' and r['rung'] and r['left'] is not None, r
        got.setdefault(os.path.basename(path), []).append(r)
    for name, starts in want.items():
        mentions = got.get(name, [])
        assert len(mentions) == len(starts), (name, starts, mentions)
        for start, m in zip(starts, mentions):
            assert m['start'] <= start < m['end'], (name, start, m)
    assert sum(len(v) for v in want.values()) == len(rows) == 15, len(rows)


def digest_mentions_carry_their_own_article():
    rows = jsonl(search(DB, '--mentions', 'Zelensky', '--format', 'jsonl', '--limit', '1000'))
    digest = [r for r in rows if r['path'].endswith('000_aa088b757c5ea7de.txt')]
    assert {r['date'] for r in digest} <= {'2025-06-03', '2025-05-28'} and digest, digest
    assert all(r['doc'] != r['path'] for r in digest), digest


def oumerov_in_the_french_translation_is_umerov():
    rows = jsonl(search(DB, '--mentions', 'Umerov', '--format', 'jsonl'))
    fr = [r for r in rows if r['path'].endswith('004_f2bdcfeff8368127.txt')]
    assert [r['surface'] for r in fr] == ['Roustem Oumerov'], fr
    assert all(r['entity'] == 'umerov' for r in rows), rows


def any_spelling_in_any_script_finds_the_same_documents():
    def paths(q):
        return sorted(r['path'] for r in jsonl(search(DB, q, '--format', 'jsonl')))
    zelensky = paths('Zelensky')
    assert len(zelensky) == 6, zelensky
    assert paths('Selenskyj') == zelensky
    assert paths('Зеленський') == zelensky
    assert paths('Zełenski') == zelensky


def phrase_words_are_marked_only_inside_the_phrase():
    rows = jsonl(search(DB, '"prisoners of war"', '--format', 'jsonl'))
    assert rows
    for r in rows:
        marked = [r['snippet'][a:b].lower() for a, b in r['highlights']]
        assert marked and len(marked) % 3 == 0, marked
        assert all(marked[i:i + 3] == ['prisoners', 'of', 'war']
                   for i in range(0, len(marked), 3)), marked


def alias_search_highlights_the_mentions_it_found():
    rows = jsonl(search(DB, 'Selenskyj', '--format', 'jsonl'))
    marked = [r['snippet'][a:b] for r in rows for a, b in r['highlights']]
    assert marked and all('Zelensk' in w or w == 'Volodymyr' for w in marked), marked


def explain_shows_tokens_entity_and_query():
    for fmt in ('text', 'csv', 'tsv'):
        r = search(DB, '--explain', 'Зеленського', '--format', fmt)
        for line in ("token 'Зеленського' -> 'зеленського' [cyrillic]", 'entity: zelenskyy (person',
                     'xapian: Query(', 'XEzelenskyy'):
            assert line in r.stderr, (fmt, r.stderr)
        assert 'xapian:' not in r.stdout, r.stdout


def explain_is_json_on_stdout_under_json_formats():
    def check_explain(e, text):
        assert e['query'] == text and e['xapian'].startswith('Query('), e
        assert e['ignored'] == [], e
        word = e['tree']
        assert word['node'] == 'word' and word['entities'][0]['id'] == 'zelenskyy', word
        token = word['tokens'][0]
        assert token['norm'] == 'зеленського' and token['script'] == 'cyrillic', token
        assert token['latin'] and token['keys'] and token['indexed'] is True, token

    r = search(DB, '--explain', 'Зеленського', '--format', 'json')
    doc = json.loads(r.stdout)
    check_explain(doc['explain'], 'Зеленського')
    assert doc['results'] and 'xapian:' not in r.stderr, r.stderr
    rows = jsonl(search(DB, '--explain', 'Зеленського', '--format', 'jsonl'))
    assert set(rows[0]) == {'format_version', 'explain'}, rows[0]
    check_explain(rows[0]['explain'], 'Зеленського')
    assert rows[1:] and all('explain' not in row for row in rows[1:]), rows
    for extra in ([], ['--count-by', 'month']):
        doc = json.loads(search(DB, '--explain', '--mentions', 'Зеленського', *extra,
                                '--format', 'json').stdout)
        check_explain(doc['explain'], 'Зеленського')
        rows = jsonl(search(DB, '--explain', '--mentions', 'Зеленського', *extra,
                            '--format', 'jsonl'))
        check_explain(rows[0]['explain'], 'Зеленського')
        assert len(rows) > 1, rows
    tree = json.loads(search(DB, '--explain', '--format', 'json',
                             '"prisoners of war" NEAR/5 Istanbul date:2025-06',
                             rc=1).stdout)['explain']['tree']
    assert tree['node'] == 'AND' and [c['node'] for c in tree['children']] == ['NEAR', 'date'], tree
    assert tree['children'][0]['distance'] == 5, tree
    assert tree['children'][1]['from'].startswith('2025'), tree


FIX = os.path.join(WORK, 'fixtures-entities')
os.makedirs(FIX, exist_ok=True)
with open(os.path.join(FIX, 'poutine.txt'), 'w', encoding='utf-8') as f:
    f.write('La poutine est un plat québécois. Vladimir Poutine a parlé avec '
            'Zelensky. Les sumy et la trump ne sont pas des noms.\n')
with open(os.path.join(FIX, 'zelenska.txt'), 'w', encoding='utf-8') as f:
    f.write('Olena Zelenska visited Kyiv. Later Zelenska spoke with reporters while '
            'President Zelenskyy met Putin.\n')
with open(os.path.join(FIX, 'pl.txt'), 'w', encoding='utf-8') as f:
    f.write('Prezydent Wołodymyr Zełenski spotkał się z Putinem. Rozmowa Zełenskiego '
            'z Putinem trwała godzinę, a sumy pieniędzy nie podano.\n')
with open(os.path.join(FIX, 'namesake.txt'), 'w', encoding='utf-8') as f:
    f.write('President Erdoğan opened the summit. Later Emine Erdoğan toured the '
            'exhibition with President Erdoğan.\n')
with open(os.path.join(FIX, 'namesake-decided.txt'), 'w', encoding='utf-8') as f:
    f.write('Emmanuel Macron a reçu la délégation ; Brigitte Macron l\'accompagnait. '
            'Le croiseur « Moskva » a coulé.\n')
FIXDB = os.path.join(WORK, 'fixtures-entities.db')
run('concord-index', '--db', FIXDB, FIX, rc=0)


def _mentions(db, name, *extra):
    r = run('concord-search', '--db', db, '--mentions', name, '--format', 'jsonl', *extra,
            rc=None)
    assert r.returncode in (0, 1), r.stderr
    return jsonl(r)


def poutine_the_dish_is_not_putin():
    rows = _mentions(FIXDB, 'Putin')
    got = sorted((os.path.basename(r['path']), r['surface']) for r in rows)
    assert got == [('pl.txt', 'Putinem'), ('pl.txt', 'Putinem'), ('poutine.txt', 'Vladimir Poutine'),
                   ('zelenska.txt', 'Putin')], got


def olena_zelenska_is_another_person():
    rows = _mentions(FIXDB, 'Zelensky')
    got = sorted((os.path.basename(r['path']), r['surface']) for r in rows)
    assert got == [('pl.txt', 'Wołodymyr Zełenski'), ('pl.txt', 'Zełenskiego'),
                   ('poutine.txt', 'Zelensky'), ('zelenska.txt', 'Zelenskyy')], got
    rows = _mentions(FIXDB, 'Olena Zelenska')
    got = [r['surface'] for r in rows]
    assert got == ['Olena Zelenska', 'Zelenska'], got


def ambiguous_mentions_are_marked_and_can_be_left_out():
    rows = _mentions(FIXDB, 'Erdogan')
    got = [(r['surface'], r['confidence']) for r in rows]
    assert got == [('Erdoğan', 'high'), ('Erdoğan', 'low'), ('Erdoğan', 'high')], got
    assert rows[1]['evidence'].endswith(
        "ambiguous: after the first name 'Emine', not one of this figure's names"), rows[1]
    rows = _mentions(FIXDB, 'Erdogan', '--min-confidence', 'medium')
    assert [r['start'] for r in rows] == [10, 94], rows
    counts = run('concord-search', '--db', FIXDB, '--mentions', 'Erdogan', '--count-by', 'entity',
                 '--min-confidence', 'medium', '--format', 'csv').stdout.splitlines()
    assert counts[1].startswith('erdogan,2,1,'), counts
    text = run('concord-search', '--db', FIXDB, '--mentions', 'Erdogan', '--explain').stdout
    assert 'ambiguous' in text and "why: alias 'Erdoğan'; ambiguous: after the first name" in text, \
        text
    header = run('concord-search', '--db', FIXDB, '--mentions', 'Erdogan', '--format',
                 'csv').stdout.splitlines()[0]
    assert header.endswith(',right,confidence,format_version'), header
    bad = run('concord-search', '--db', FIXDB, '--mentions', 'Erdogan', '--min-confidence', 'sure',
              rc=2)
    assert "--min-confidence must be low, medium or high, not 'sure'" in bad.stderr, bad.stderr
    bad = run('concord-search', '--db', FIXDB, '--min-confidence', 'high', 'Erdogan', rc=2)
    assert '--min-confidence needs --mentions NAME' in bad.stderr, bad.stderr


def decisive_cues_drop_the_namesake():
    # Another first name where the text names the figure with his own: his
    # wife, not him; a name alone in quotation marks: the ship.
    rows = _mentions(FIXDB, 'Macron')
    assert [(r['surface'], r['confidence']) for r in rows] == [('Emmanuel Macron', 'high')], rows
    assert [r for r in _mentions(FIXDB, 'Moscow') if 'namesake-decided' in r['path']] == []


def common_words_are_not_places_or_people():
    assert _mentions(FIXDB, 'Sumy') == []
    assert _mentions(FIXDB, 'Trump') == []


def count_by_date_is_zero_filled_and_exact():
    rows = jsonl(search(DB, '--mentions', 'Putin', '--count-by', 'date', '--format', 'jsonl'))
    dates = [r['date'] for r in rows]
    assert dates == sorted(dates) and dates[0] == '2025-05-28' and dates[-1] == '2025-06-05', dates
    assert any(r['mentions'] == 0 for r in rows), rows
    listed = jsonl(search(DB, '--mentions', 'Putin', '--format', 'jsonl', '--limit', '1000'))
    assert sum(r['mentions'] for r in rows) == len(listed), (rows, len(listed))


def count_by_variant_sums_to_the_listing():
    rows = jsonl(search(DB, '--mentions', 'Zelensky', '--count-by', 'variant', '--format',
                        'jsonl'))
    assert sum(r['mentions'] for r in rows) == 15, rows


def changed_dictionaries_warn_until_retag():
    extra = os.path.join(WORK, 'memo.entities')
    with open(extra, 'w', encoding='utf-8') as f:
        f.write('[memorandum]\ntype: topic\nlabel: memorandum\nalias: memorandum | memo\n')
    db = os.path.join(WORK, 'retag.db')
    run('concord-index', '--db', db, SAMPLES, rc=0)
    r = search(db, '--entities', extra, 'memorandum', '--format', 'jsonl')
    assert 'differ' in r.stderr and '--retag' in r.stderr, r.stderr
    run('concord-index', '--db', db, '--retag', '--entities', extra, rc=0)
    r = search(db, '--entities', extra, 'memorandum', '--format', 'jsonl')
    assert 'differ' not in r.stderr, r.stderr
    counts = jsonl(search(db, '--entities', extra, '--mentions', 'memorandum', '--count-by',
                          'entity', '--format', 'jsonl'))
    assert counts and counts[0]['mentions'] > 0, counts


def count_by_month_is_zero_filled_over_the_requested_date_range():
    rows = jsonl(search(DB, '--mentions', 'Putin', 'date:2025-03..2025-08', '--count-by',
                        'month', '--format', 'jsonl'))
    months = [r['month'] for r in rows]
    assert months == ['2025-%02d' % m for m in range(3, 9)], months
    empty = [r for r in rows if r['documents_in_scope'] == 0]
    assert empty and all(r['share'] is None for r in empty), rows


def several_figures_count_side_by_side_as_each_alone_and_plot():
    names = ['Zelensky', 'Путин', 'Erdoğan']
    for by in ('week', 'month', 'source'):
        wide = list(csv.DictReader(io.StringIO(search(
            DB, *sum((['--mentions', n] for n in names), []), '--count-by', by,
            '--format', 'csv').stdout, newline='')))
        for name in names:
            alone = list(csv.DictReader(io.StringIO(search(
                DB, '--mentions', name, '--count-by', by, '--format', 'csv').stdout,
                newline='')))
            got = {r[by]: (r[name + ':mentions'], r[name + ':documents'], r['documents_in_scope'],
                           r[name + ':per_1000']) for r in wide}
            for r in alone:
                assert got.pop(r[by]) == (r['mentions'], r['documents'], r['documents_in_scope'],
                                          r['per_1000']), (by, name, r)
            assert all(v[0] == '0' for v in got.values()), (by, name, got)
    weeks = [r['week'] for r in jsonl(search(DB, '--mentions', 'Putin', '--mentions', 'Zelensky',
                                             'date:2025-05-01..2025-06-30', '--count-by', 'week',
                                             '--format', 'jsonl'))]
    assert weeks[0] == '2025-04-28' and weeks[-1] == '2025-06-30' and len(weeks) == 10, weeks
    figures = os.path.join(WORK, 'figures.txt')
    with open(figures, 'w', encoding='utf-8') as f:
        f.write('# figures to compare\nZelensky\n\nPutin\n')
    doc = json.loads(search(DB, '--figures', figures, '--count-by', 'month', '--format',
                            'json').stdout)
    assert [f['name'] for f in doc['figures']] == ['Zelensky', 'Putin'], doc
    for ext, magic in (('svg', b'<?xml'), ('png', b'\x89PNG'), ('pdf', b'%PDF-')):
        chart = os.path.join(WORK, 'attention.' + ext)
        r = search(DB, '--mentions', 'Zelensky', '--mentions', 'Putin', '--count-by', 'date',
                   '--plot', chart, '--plot-metric', 'per1000')
        assert 'chart written to ' + chart in r.stderr, r.stderr
        with open(chart, 'rb') as f:
            data = f.read()
        assert data.startswith(magic) and len(data) > 1000, (ext, data[:20])
    r = search(DB, '--mentions', 'Zelensky', '--count-by', 'week', '--plot',
               os.path.join(WORK, 'no-such-dir', 'chart.svg'), rc=2)
    assert 'no-such-dir' in r.stderr, r.stderr
    r = search(DB, '--mentions', 'Zelensky', '--mentions', 'Putin', rc=2)
    assert 'add --count-by' in r.stderr, r.stderr


def historical_names_count_only_when_switched_on():
    root = os.path.join(WORK, 'historical')
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, 'old.txt'), 'w', encoding='utf-8') as f:
        f.write('Front line\n\nArtemivsk, renamed Bakhmut in 2016, was shelled.\n')
    plain, old = os.path.join(WORK, 'plain.db'), os.path.join(WORK, 'old-names.db')
    run('concord-index', '--db', plain, root, rc=0)
    run('concord-index', '--db', old, '--historical-names', root, rc=0)
    rows = jsonl(search(plain, '--mentions', 'Bakhmut', '--format', 'jsonl'))
    assert [r['surface'] for r in rows] == ['Bakhmut'], rows
    rows = jsonl(search(old, '--historical-names', '--mentions', 'Bakhmut', '--format', 'jsonl'))
    assert [r['surface'] for r in rows] == ['Artemivsk', 'Bakhmut'], rows
    assert rows[0]['evidence'].startswith('historical name; '), rows[0]
    assert len(jsonl(search(old, '--historical-names', 'Bakhmut', '--format', 'jsonl'))) == 1
    r = search(old, '--mentions', 'Bakhmut', '--format', 'jsonl')
    assert 'differ' in r.stderr, r.stderr  # tagged with them, searched without
    assert [x['surface'] for x in jsonl(r)] == ['Bakhmut'], r.stdout


def a_dictionary_added_since_tagging_lists_mentions_without_retag():
    extra = os.path.join(WORK, 'memo2.entities')
    with open(extra, 'w', encoding='utf-8') as f:
        f.write('[memorandum]\ntype: topic\nlabel: memorandum\nalias: memorandum | memo\n')
    r = search(DB, '--entities', extra, '--mentions', 'memorandum', '--format', 'jsonl')
    assert jsonl(r) and all(m['entity'] == 'memorandum' for m in jsonl(r)), r.stdout


def a_query_word_starting_with_a_dash_excludes_it():
    with_putin = {r['path'] for r in jsonl(search(DB, 'Putin', '--format', 'jsonl'))}
    both = {r['path'] for r in jsonl(search(DB, 'Zelensky', '--format', 'jsonl'))}
    for args in (['-Putin Zelensky'], ['-Putin', 'Zelensky'], ['--', '-Putin', 'Zelensky']):
        got = {r['path'] for r in jsonl(search(DB, '--format', 'jsonl', *args, rc=None))}
        assert got == both - with_putin, (args, got, both - with_putin)


def a_name_that_is_no_figure_is_said_so():
    r = search(DB, '--mentions', 'poutine', '--format', 'jsonl', rc=None)
    assert "'poutine' names no figure" in r.stderr and "try 'Poutine'" in r.stderr, r.stderr
    r = search(DB, '--mentions', 'Poutine', '--format', 'jsonl')
    assert 'names no figure' not in r.stderr, r.stderr


def the_same_database_twice_is_searched_once():
    copy = os.path.join(WORK, 'samples-copy.db')
    shutil.copytree(DB, copy)
    once = jsonl(search(DB, 'Istanbul', '--format', 'jsonl'))
    r = search(DB, '--db', copy, 'Istanbul', '--format', 'jsonl')
    assert len(jsonl(r)) == len(once), (len(jsonl(r)), len(once))
    assert 'same database' in r.stderr, r.stderr


def phrases_and_near_work_in_cyrillic_and_find_the_english_articles():
    for q in ('"Владимир Путин"', '"Володимир Зеленський" NEAR/30 Ердоган',
              'person:Зеленський NEAR/30 Erdogan'):
        r = search(DB, q, '--format', 'jsonl', '--explain')
        assert [row for row in jsonl(r) if 'path' in row], (q, r.stderr)


def errors_are_json_on_stdout_under_json_formats():
    for fmt in ('json', 'jsonl'):
        r = search(DB, '--format', fmt, '(Zelensky', rc=2)
        error = json.loads(r.stdout)['error']
        assert error['code'] == 'query_syntax' and error['column'] == 10, error
        assert 'column 10' in r.stderr, r.stderr
    r = search(os.path.join(WORK, 'absent.db'), '--format', 'jsonl', 'x', rc=2)
    assert json.loads(r.stdout)['error']['code'] == 'not_found', r.stdout


def bad_user_dictionary_lines_name_file_and_line():
    bad = os.path.join(WORK, 'bad.entities')
    with open(bad, 'w', encoding='utf-8') as f:
        f.write('[ok]\nalias: Istanbul\ncolour: red\n')
    r = search(DB, '--entities', bad, 'Istanbul', '--format', 'jsonl')
    assert 'bad.entities:3:' in r.stderr, r.stderr
    r = search(DB, '--entities', os.path.join(WORK, 'missing.entities'), 'x', rc=2)
    assert 'missing.entities' in r.stderr, r.stderr

SYMBOLS = os.path.join(WORK, 'fixtures-symbols')
os.makedirs(SYMBOLS, exist_ok=True)
with open(os.path.join(SYMBOLS, 'emoji.txt'), 'w', encoding='utf-8') as f:
    f.write('Fans cheered 👍🏽 for the team ❤️ under the 🇺🇦 flag; a ☢ sign hung nearby.\n')
with open(os.path.join(SYMBOLS, 'plain.txt'), 'w', encoding='utf-8') as f:
    f.write('Fans cheered for the team under the flag; prices rose to $20.\n')
SYMBOLS_DB = os.path.join(WORK, 'symbols.db')
run('concord-index', '--db', SYMBOLS_DB, SYMBOLS, rc=0)


def emoji_and_symbols_are_searchable_in_any_presentation():
    for q in ('👍', '👍🏽', '👍🏿', '❤', '❤️', '🇺🇦', '☢', '"cheered 👍 for"', 'team NEAR/2 ❤'):
        rows = jsonl(search(SYMBOLS_DB, q, '--format', 'jsonl'))
        assert [os.path.basename(r['path']) for r in rows] == ['emoji.txt'], (q, rows)
        (a, b), = rows[0]['highlights'][:1]
        assert rows[0]['snippet'][a:b].strip('\ufe0f\U0001F3FB\U0001F3FC\U0001F3FD\U0001F3FE'
                                             '\U0001F3FF'), rows[0]
    search(SYMBOLS_DB, '🇫🇷', '--format', 'jsonl', rc=1)


def query_words_with_nothing_searchable_are_named():
    r = search(SYMBOLS_DB, 'prices $', '--format', 'json')
    doc = json.loads(r.stdout)
    assert doc['ignored'] == [{'text': '$', 'column': 8}], doc['ignored']
    assert len(doc['results']) == 1, doc
    assert "ignored '$' at column 8" in r.stderr, r.stderr
    r = search(SYMBOLS_DB, '"!!"', rc=1)
    assert "ignored '!!' at column 1" in r.stderr, r.stderr


def csv_and_tsv_carry_the_format_version_column():
    for fmt in ('csv', 'tsv'):
        sep = ',' if fmt == 'csv' else '\t'
        for args in (['Istanbul'], ['--mentions', 'Zelensky'],
                     ['--mentions', 'Zelensky', '--count-by', 'month']):
            lines = search(DB, *args, '--format', fmt).stdout.splitlines()
            assert lines[0].split(sep)[-1] == 'format_version', (fmt, args, lines[0])
            assert len(lines) > 1 and all(l.endswith(sep + '1') for l in lines[1:]), (fmt, args)


def exit_status_is_whether_anything_matched():
    # 0: something matched, whatever page is printed.
    for args in (['Istanbul', '--offset', '100'], ['Istanbul', '--limit', '0'],
                 ['--mentions', 'Zelensky', '--limit', '0']):
        r = search(DB, *args, '--format', 'json', rc=0)
        doc = json.loads(r.stdout)
        assert doc.get('results', doc.get('mentions')) == [], doc
        assert doc.get('total', doc.get('total_mentions')) > 0, doc
    # 1: nothing matched, and the output is complete all the same.
    doc = json.loads(search(DB, 'zzyzzx', '--format', 'json', rc=1).stdout)
    assert doc['total'] == 0 and doc['results'] == [], doc
    doc = json.loads(search(DB, '--mentions', 'Zelensky', 'zzyzzx', '--format', 'json',
                            rc=1).stdout)
    assert doc['total_mentions'] == 0 and doc['mentions'] == [], doc
    doc = json.loads(search(DB, '--mentions', 'Zzyzzx', '--count-by', 'month', '--format', 'json',
                            rc=1).stdout)
    assert doc['total_mentions'] == 0 and all(r['mentions'] == 0 for r in doc['rows']), doc
    # 2: an error, on stdout too under json.
    r = search(DB, '--format', 'json', 'title:', rc=2)
    assert json.loads(r.stdout)['error']['code'] == 'query_syntax', r.stdout


def _unescape_name(text):
    r"""docs/corpus.md, "File names": \\ is a backslash, \xNN a byte."""
    out, i = bytearray(), 0
    while i < len(text):
        if text.startswith('\\\\', i):
            out += b'\\'
            i += 2
        elif text.startswith('\\x', i):
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
        else:
            out += text[i].encode('utf-8')
            i += 1
    return bytes(out)


def _unescape_tsv(cell):
    """TSV cells escape backslash, tab, newline and CR."""
    return re.sub(r'\\(.)', lambda m: {'t': '\t', 'n': '\n', 'r': '\r'}.get(m.group(1), m.group(1)),
                  cell)


def file_names_survive_any_byte_in_every_format():
    root = os.path.join(WORK, 'odd-names').encode()
    os.makedirs(root, exist_ok=True)
    names = [b'caf\xe9.txt', b'caf\xe8.txt', b'back\\slash\ttab\nline.txt', b'ctl\x1b\x7f.txt',
             'Київ.txt'.encode()]
    for i, n in enumerate(names):
        with open(os.path.join(root, n), 'wb') as f:
            f.write(b'Zelensky spoke in Istanbul, file %d.\n' % i)
    db = os.path.join(WORK, 'odd-names.db')
    r = run('concord-index', '--db', db, root.decode('utf-8', 'surrogateescape'), rc=0)
    warned = [l for l in r.stderr.splitlines() if 'not valid UTF-8' in l]
    assert len(warned) == 2 and any('caf\\xE9.txt' in l for l in warned), r.stderr
    wanted = {os.path.join(root, n) for n in names}
    rows = jsonl(search(db, 'Zelensky', '--format', 'jsonl'))
    assert {_unescape_name(r['path']) for r in rows} == wanted, [r['path'] for r in rows]
    assert {_unescape_name(r['id']) for r in rows} == wanted, [r['id'] for r in rows]
    mentions = jsonl(search(db, '--mentions', 'Zelensky', '--format', 'jsonl'))
    assert {_unescape_name(m['doc']) for m in mentions} == wanted, mentions
    for args in (['Zelensky'], ['--mentions', 'Zelensky']):
        lines = search(db, *args, '--format', 'tsv').stdout.splitlines()
        header = lines[0].split('\t')
        col = header.index('path')
        got = {_unescape_name(_unescape_tsv(l.split('\t')[col])) for l in lines[1:]}
        assert got == wanted, (args, lines)
        table = list(csv.DictReader(io.StringIO(
            search(db, *args, '--format', 'csv').stdout, newline='')))
        assert {_unescape_name(row['path']) for row in table} == wanted, (args, table)


def over_long_words_are_indexed_and_found_exactly():
    root = os.path.join(WORK, 'long-words')
    os.makedirs(root, exist_ok=True)
    word300 = 'Zelensky' + 'x' * 292
    word10k = 'glued' * 2000
    with open(os.path.join(root, 'long.txt'), 'w', encoding='utf-8') as f:
        f.write('Talks in Istanbul. %s and %s ended.\n' % (word300, word10k))
    db = os.path.join(WORK, 'long-words.db')
    r = run('concord-index', '--db', db, root, rc=0)
    for q in (word300, word10k, word300.upper(), '"Istanbul %s"' % word300):
        rows = jsonl(search(db, q, '--format', 'jsonl'))
        assert [os.path.basename(x['path']) for x in rows] == ['long.txt'], (q[:20], rows)
    # Another word with the same first 180 bytes is another word.
    search(db, word300[:-1] + 'y', '--format', 'jsonl', rc=1)
    search(db, word10k + 'z', '--format', 'jsonl', rc=1)


run_all(globals())
finish()
