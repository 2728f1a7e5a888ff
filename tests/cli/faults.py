#!/usr/bin/env python3
"""Fault tests: concord-index killed with SIGKILL at random moments, a full
disk, a read-only database, a second writer, searches during commits; the
resource caps of concord-search; control characters and formulas from
documents in every output format.

usage: faults.py BIN_DIR SOURCE_DIR WORK_DIR
CONCORD_FAULTS_SEED=N replays another sequence of kill delays."""
import csv, io, json, os, random, re, resource, signal, subprocess, sys, time

from harness import BIN, SRC, WORK, check, finish, run

SEED = int(os.environ.get('CONCORD_FAULTS_SEED', '20251130'))
INDEX, SEARCH = os.path.join(BIN, 'concord-index'), os.path.join(BIN, 'concord-search')
BATCH = ['--batch-mb', '0.02']  # a commit every ~20 KB of text: many commits per run
facts = []


def start_index(db, *paths, extra=()):
    return subprocess.Popen([INDEX, '--db', db, '--quiet', *BATCH, *extra, *paths],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def has_database(db):
    """True once db is a database: a segment manifest, or Xapian's own files."""
    return any(os.path.exists(os.path.join(db, f)) for f in ('XAPIANDB', 'iamglass'))


def ids(db):
    """Every document id in db (a list: duplicates would show), via concord-search."""
    r = run(SEARCH, '--db', db, '--format', 'jsonl', '--limit', '100000', '*', rc=(0, 1))
    return [json.loads(line)['id'] for line in r.out.splitlines() if line.strip()]


def no_crash(r, what):
    """Exit status 2, one clear line, no signal, no abort or exception text."""
    assert r.returncode == 2, '%s: exit %d\n%s' % (what, r.returncode, r.err)
    for bad in ('terminate called', 'Aborted', 'Traceback', 'std::', 'what()'):
        assert bad not in r.err, '%s: %r in stderr\n%s' % (what, bad, r.err)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def vocabulary():
    words = set()
    for name in sorted(os.listdir(os.path.join(SRC, 'corpus', 'samples'))):
        if name.endswith('.txt'):
            with open(os.path.join(SRC, 'corpus', 'samples', name), encoding='utf-8') as f:
                words.update(w for w in re.findall(r'[^\W\d_]{3,}', f.read()))
    return sorted(words)


WORDS = vocabulary()
NAMES = ['Zelensky', 'Putin', 'Erdogan', 'Umerov', 'Medinsky']


def make_tree(root, files, tag, seed, words=60):
    """`files` text files plus JSON Lines files of 5 documents each (one per
    10 text files); returns the ids concord gives their documents."""
    rng = random.Random(seed)
    expected = set()
    root = os.path.realpath(root)

    def body(n):
        text = ' '.join(rng.choice(WORDS) for _ in range(words))
        return '%s spoke about %s%s in Istanbul. %s' % (rng.choice(NAMES), tag, n, text)

    for i in range(files):
        path = '%s/t%02d/%s%04d.txt' % (root, i % 20, tag, i)
        write(path, 'Report %s %d\n\n%s\n' % (tag, i, body(i)))
        expected.add(path)
    for j in range(files // 10):
        path = '%s/j/%s%03d.jsonl' % (root, tag, j)
        lines = [json.dumps({'id': 'r%d' % k, 'title': 'Record %d' % k, 'date': '2025-06-0%d' % (k + 1),
                             'text': body(100000 + 5 * j + k)}) for k in range(5)]
        write(path, '\n'.join(lines) + '\n')
        expected.update('%s#r%d' % (path, k) for k in range(5))
    return expected


TREE = os.path.join(WORK, 'tree')
EXPECTED = make_tree(TREE, 1000, 'doc', SEED)


def assert_exactly(db, expected, what):
    got = ids(db)
    dup = len(got) - len(set(got))
    assert dup == 0, '%s: %d duplicated documents' % (what, dup)
    assert set(got) == expected, '%s: %d missing, %d unexpected (e.g. %s)' % (
        what, len(expected - set(got)), len(set(got) - expected),
        sorted((expected - set(got)) or (set(got) - expected))[:3])


# --- 1. kill -9 at random moments -------------------------------------------

def kill_9_at_random_moments_loses_and_doubles_nothing():
    rng = random.Random(SEED)
    db, tree = os.path.join(WORK, 'kill.db'), os.path.join(WORK, 'kill')
    expected = make_tree(tree, 200, 'k0-', SEED)
    committed = set()       # in the database after the previous kill
    checked, survived, killed = 0, set(), 0
    rate = 300.0            # documents committed a second, as measured below
    for attempt in range(20):
        # Enough new documents that the run is still busy when it is killed.
        need = int(rate * 0.6) + 100
        if len(expected - committed) < need:
            expected |= make_tree(tree, need, 'k%d-' % (attempt + 1), SEED + attempt)
        p = start_index(db, tree, extra=['--wait=20'])
        delay = rng.uniform(0.05, 0.5)
        time.sleep(delay)
        running = p.poll() is None
        if running:
            p.send_signal(signal.SIGSTOP)  # frozen while a reader looks, then killed
        killed += running
        # What a reader sees now is committed before the kill.
        before = set(ids(db)) if has_database(db) else set()
        p.kill()
        p.communicate()
        # The database opens and answers, whatever the moment of the kill.
        opened = has_database(db)  # not killed while creating it
        after = ids(db) if opened else []
        if opened:
            run(SEARCH, '--db', db, '--mentions', 'Zelensky', '--limit', '5', rc=(0, 1))
        assert len(after) == len(set(after)), 'kill %d: duplicated documents' % attempt
        lost = (committed | before) - set(after)
        assert not lost, 'kill %d: %d committed documents lost, e.g. %s' % (
            attempt, len(lost), sorted(lost)[:3])
        assert set(after) <= expected, 'kill %d: unknown documents' % attempt
        checked += len(committed | before)
        survived |= committed | before
        rate = max(rate, (len(after) - len(committed)) / delay)
        if not running:
            rate *= 2  # it finished first: the next run gets more to do
        committed = set(after)
    run(INDEX, '--db', db, '--quiet', '--wait=20', tree)
    assert_exactly(db, expected, 'after the final run')
    r = run(INDEX, '--db', db, '--quiet', tree)
    assert 'files: 0 added, 0 updated' in r.out, 'a complete database was re-read: ' + r.out
    facts.append('kill -9: 20 kills (%d of a running indexer); %d checks of a committed '
                 'document after a kill (%d distinct documents): 0 lost, 0 duplicated; final '
                 'run: all %d documents present once' % (killed, checked, len(survived),
                                                         len(expected)))
    assert killed >= 15, 'only %d of 20 kills hit a running indexer' % killed


def kill_9_during_merges_leaves_the_last_whole_set():
    """Merges (a run's builders, the tiered policy, --optimize) are killed at
    random moments: the database always answers with every document once."""
    rng = random.Random(SEED + 7)
    db, tree = os.path.join(WORK, 'merge.db'), os.path.join(WORK, 'merge')
    expected = set()
    # Several runs: several segments, and merges of the lowest tier.
    for part in range(5):
        expected |= make_tree(tree, 40, 'm%d-' % part, SEED + 20 + part)
        run(INDEX, '--db', db, '--quiet', tree)
    segments = [l for l in open(os.path.join(db, 'XAPIANDB')) if l.startswith('auto seg-')]
    assert len(segments) >= 2, 'the test needs several segments: %r' % segments
    hit = 0
    for attempt in range(10):
        p = subprocess.Popen([INDEX, '--db', db, '--quiet', '--optimize'],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.0, 0.4))
        hit += p.poll() is None
        p.kill()
        p.communicate()
        assert_exactly(db, expected, 'kill %d during --optimize' % attempt)
        # More segments for the next merge to take apart, when it finished.
        more = make_tree(tree, 5, 'n%d-' % attempt, SEED + 40 + attempt)
        expected |= more
        run(INDEX, '--db', db, '--quiet', tree)
    run(INDEX, '--db', db, '--quiet', '--optimize')
    assert_exactly(db, expected, 'after a complete --optimize')
    names = [n for n in os.listdir(db) if n.startswith('seg-')]
    assert len(names) == 1, 'retired or unfinished segments left: %r' % names
    facts.append('kill -9 during --optimize: 10 kills (%d while it ran); every document '
                 'present once after each; one segment left at the end' % hit)


# --- 2. disk full -----------------------------------------------------------

def limited(max_bytes):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))
    return apply


def disk_full_is_reported_and_the_last_commit_stays():
    db = os.path.join(WORK, 'full.db')
    small = os.path.join(WORK, 'small')
    first = make_tree(small, 20, 'small', SEED + 1)
    limit = 1 << 20
    # Room for a first commit...
    run(INDEX, '--db', db, '--quiet', small, preexec_fn=limited(limit))
    assert_exactly(db, first, 'first commit under the limit')
    # ...but not for the next batches.
    r = run(INDEX, '--db', db, '--quiet', *BATCH, TREE, rc=None, preexec_fn=limited(limit))
    no_crash(r, 'indexing into a full disk')
    assert db in r.err and 'disk is full or a file size limit' in r.err, r.err
    assert len(r.err.strip().splitlines()) == 1, r.err
    got = ids(db)
    assert len(got) == len(set(got)) and first <= set(got) <= first | EXPECTED, len(got)
    run(SEARCH, '--db', db, 'Istanbul')
    facts.append('disk full: exit 2 with "%s"; %d documents committed before it kept'
                 % (r.err.strip(), len(got)))
    # With room again the next run completes the job.
    run(INDEX, '--db', db, '--quiet', TREE)
    assert_exactly(db, first | EXPECTED, 'after the disk was freed')


# --- 3. read-only database --------------------------------------------------

def as_unprivileged():
    """preexec_fn dropping root to nobody (root ignores permission bits)."""
    if os.geteuid() != 0:
        return None

    def drop():
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
    return drop


def read_only_database_is_a_clear_error():
    db = os.path.join(WORK, 'ro', 'news.db')
    small = os.path.join(WORK, 'small-ro')
    make_tree(small, 5, 'ro', SEED + 2)
    os.makedirs(os.path.dirname(db))
    run(INDEX, '--db', db, '--quiet', small)
    # Everything the unprivileged user needs is readable; the database is not writable.
    for d in (WORK, os.path.dirname(db)):
        os.chmod(d, 0o755)
    for dirpath, dirnames, filenames in os.walk(small):
        for n in dirnames + filenames:
            os.chmod(os.path.join(dirpath, n), 0o755 if n in dirnames else 0o644)
    os.chmod(small, 0o755)
    os.chmod(db, 0o555)
    os.chmod(os.path.dirname(db), 0o555)
    drop = as_unprivileged()
    try:
        probe = run('/bin/sh', '-c', 'test -x "$0" && test -r "$1"', INDEX, small + '/t00/ro0000.txt',
                    rc=None, preexec_fn=drop)
        assert probe.returncode == 0, ('the unprivileged user cannot run %s or read the test '
                                       'files: the test would prove nothing' % INDEX)
        ro = run(INDEX, '--db', db, '--quiet', small, rc=None, preexec_fn=drop)
        no_crash(ro, 'read-only database')
        assert 'not writable' in ro.err and db in ro.err, ro.err
        assert 'locked' not in ro.err, 'a read-only database reported as locked: ' + ro.err
        # Creating one in a read-only directory names it too.
        new = os.path.join(os.path.dirname(db), 'new.db')
        r = run(INDEX, '--db', new, '--quiet', small, rc=None, preexec_fn=drop)
        no_crash(r, 'database in a read-only directory')
        assert new in r.err and 'Permission denied' in r.err, r.err
        # Reading it still works.
        run(SEARCH, '--db', db, 'Istanbul', preexec_fn=drop)
    finally:
        os.chmod(os.path.dirname(db), 0o755)
        os.chmod(db, 0o755)
    facts.append('read-only database (%s): exit 2, "%s"' % (
        'as uid 65534' if drop else 'as uid %d' % os.geteuid(), ro.err.strip()))


def unreadable_files_are_counted_and_the_database_in_the_tree_is_not_read():
    tree = os.path.join(WORK, 'unreadable')
    write(tree + '/a.txt', b'Good text about Kyiv and the talks.\n')
    write(tree + '/b.txt', b'A secret text.\n')
    write(tree + '/sub/c.txt', b'Hidden away in a closed folder.\n')
    db = os.path.join(tree, 'inside.db')  # the database inside the tree it indexes
    os.chmod(tree + '/b.txt', 0o000)
    os.chmod(tree + '/sub', 0o000)
    for d in (WORK, tree):
        os.chmod(d, 0o777)
    drop = as_unprivileged()
    try:
        for attempt in (1, 2):
            r = run(INDEX, '--db', db, tree, preexec_fn=drop)
            if drop:  # root reads everything: only the database part applies
                assert 'b.txt: cannot read: Permission denied' in r.err, r.err
                assert 'sub: cannot read directory: Permission denied' in r.err, r.err
                assert ' 2 skipped;' in r.out, r.out
            assert 'inside.db' not in r.err, 'the database was read as documents: ' + r.err
            assert ('%d added' % (attempt == 1)) in r.out, r.out
    finally:
        os.chmod(tree + '/b.txt', 0o644)
        os.chmod(tree + '/sub', 0o755)
    # Another database in the tree is skipped with a message.
    r = run(INDEX, '--db', os.path.join(WORK, 'outside.db'), tree)
    assert 'inside.db: a search database, not documents; skipped' in r.err, r.err
    assert ' 1 skipped;' in r.out and '3 added' in r.out, r.out


# --- 4. a second writer -----------------------------------------------------

def second_writer_fails_fast_or_waits_with_wait():
    db = os.path.join(WORK, 'lock.db')
    other = os.path.join(WORK, 'other')
    second = make_tree(other, 10, 'other', SEED + 3)
    first = start_index(db, TREE)
    deadline = time.monotonic() + 20
    while not has_database(db) and time.monotonic() < deadline:
        time.sleep(0.02)
    # Stopped, the first writer holds the lock for as long as the test needs.
    first.send_signal(signal.SIGSTOP)
    try:
        assert first.poll() is None, 'the first writer finished too early for the test'
        t = time.monotonic()
        r = run(INDEX, '--db', db, '--quiet', other, rc=None)
        elapsed = time.monotonic() - t
        no_crash(r, 'second writer')
        assert 'locked by another writer' in r.err and db in r.err and '--wait' in r.err, r.err
        locked = r.err.strip()
        assert elapsed < 3, 'the second writer took %.1f s to fail' % elapsed
        r = run(INDEX, '--db', db, '--quiet', '--wait=0.3', other, rc=None)
        no_crash(r, 'second writer with a short --wait')
        assert 'gave up' in r.err, r.err
        waiting = subprocess.Popen([INDEX, '--db', db, '--quiet', '--wait=120', other],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.6)
        assert waiting.poll() is None, 'the waiting writer did not wait: %r' % (
            waiting.communicate(),)
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = waiting.communicate(timeout=150)
    assert waiting.returncode == 0, err
    assert first.poll() is not None, 'the waiting writer ran before the first one finished'
    assert first.wait() == 0, first.communicate()[1]
    assert b'documents: %d added' % len(second) in out, out
    assert_exactly(db, EXPECTED | second, 'both writers')
    run(INDEX, '--db', db, '--wait=x', other, rc=2)
    facts.append('second writer: exit 2 in %.2f s with "%s"; with --wait it ran after the first'
                 % (elapsed, locked))


# --- 5. searching while another process commits -------------------------------

def searches_during_commits_never_fail():
    db = os.path.join(WORK, 'concurrent.db')
    run(INDEX, '--db', db, '--quiet', os.path.join(TREE, 't00'))
    p = start_index(db, TREE)
    counts = {'text': 0, 'mentions': 0, 'count-by': 0}
    queries = {'text': ['Istanbul', '--format', 'jsonl'],
               'mentions': ['--mentions', 'Zelensky', '--format', 'jsonl', '--limit', '50'],
               'count-by': ['--mentions', 'Putin', '--count-by', 'month']}
    while p.poll() is None or min(counts.values()) < 3:
        for kind, args in queries.items():
            r = run(SEARCH, '--db', db, *args, rc=(0, 1))
            if kind != 'count-by':
                for line in r.out.splitlines():
                    json.loads(line)
            counts[kind] += 1
    out, err = p.communicate()
    assert p.returncode == 0, err
    assert_exactly(db, EXPECTED, 'after indexing under searches')
    facts.append('searches during commits: %s, all exit 0/1' % ', '.join(
        '%d %s' % (n, k) for k, n in counts.items()))


# --- B. resource caps --------------------------------------------------------

def huge_queries_are_refused_with_their_position():
    db = os.path.join(WORK, 'concurrent.db')
    words = ' OR '.join('w%d' % i for i in range(5000))
    r = run(SEARCH, '--db', db, words, rc=None)
    no_crash(r, '5000 ORed words')
    assert re.search(r'column \d+: query has too many terms', r.err), r.err
    wild = ' OR '.join('%s*' % w for w in ('ab', 'ac', 'ad', 'ae', 'af', 'ag', 'ah', 'ai', 'aj',
                                            'ak', 'al'))
    r = run(SEARCH, '--db', db, wild, rc=None)
    no_crash(r, '11 wildcards')
    assert 'column %d: query expands to too many terms' % (wild.index('al*') + 1) in r.err, r.err
    r = run(SEARCH, '--db', db, '--mentions', 'Zelensky', wild, rc=None)
    no_crash(r, '11 wildcards as a mention filter')
    assert 'too many terms' in r.err, r.err


def limits_are_capped_with_a_note():
    db = os.path.join(WORK, 'concurrent.db')
    r = run(SEARCH, '--db', db, '--mentions', 'Zelensky', '--context', '5000', '--limit', '2',
            '--format', 'jsonl')
    assert len(r.out.splitlines()) == 2, r.out
    assert 'note: --context is capped at 200' in r.err, r.err
    assert 'truncated at --limit 2' in r.err and 'raise --limit' in r.err, r.err
    r = run(SEARCH, '--db', db, '--limit', '5000000', '--format', 'jsonl', '*')
    assert len(r.out.splitlines()) == len(EXPECTED) and 'capped' not in r.err, r.err
    run(SEARCH, '--db', db, '--offset', '99999999999', '*', rc=2)


# --- C. control characters and formulas from documents ------------------------

EVIL = '\x1b[2J\x1b]0;pwned\x07'
C_CONTROLS = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]')


def output_never_carries_document_controls():
    db = os.path.join(WORK, 'evil.db')
    tree = os.path.join(WORK, 'evil')
    write(tree + '/esc.txt', ('Zelensky ' + EVIL + ' met Putin in Istanbul; \u202eesrever\u202c, '
                              '\x9b31m, \x7f, \x01.\n').encode() + b'Bad \xff\xfe bytes.\n')
    write(tree + '/f.jsonl', json.dumps({
        'id': 'x1', 'title': '=HYPERLINK("http://evil.example","click")', 'source': '+cmd|calc',
        'text': '-Putin said \x1b[31mred\x1b[0m things to Zelensky in Kyiv.'}) + '\n')
    r = run(INDEX, '--db', db, '--quiet', tree)
    assert '\x1b' not in r.err, 'concord-index wrote an escape from a document: %r' % r.err
    for args in (['Zelensky'], ['--mentions', 'Putin'], ['--mentions', 'Putin', '--count-by',
                                                           'variant']):
        out = run(SEARCH, '--db', db, '--color', 'never', *args).stdout_bytes
        assert not C_CONTROLS.search(out.decode('utf-8')), (args, out)
        colored = run(SEARCH, '--db', db, '--color', 'always', *args).stdout_bytes
        ours = re.sub(rb'\x1b\[(?:1|0|1;31)m', b'', colored)
        assert b'\x1b' not in ours and b'\x07' not in ours, (args, colored)
    text = run(SEARCH, '--db', db, '--color', 'never', 'Zelensky').out
    # Control characters never reach a stored title (removed at indexing).
    assert '=HYPERLINK' in text and 'Zelensky [2J]0;pwned met' in text, text
    # JSON and JSON Lines: strictly valid UTF-8 JSON, original text kept.
    for args in (['Zelensky'], ['--mentions', 'Putin']):
        doc = json.loads(run(SEARCH, '--db', db, '--format', 'json',
                             *args).stdout_bytes.decode('utf-8'))
        lines = run(SEARCH, '--db', db, '--format', 'jsonl', *args).stdout_bytes.decode('utf-8')
        rows = [json.loads(line) for line in lines.splitlines()]
        assert rows and doc, args
    titles = {r['title'] for r in rows}
    assert any('[2J]0;pwned' in t for t in titles), titles
    assert not any(C_CONTROLS.search(t) for t in titles), titles
    # CSV and TSV: formulas neutralised in text columns, numbers untouched.
    for fmt, sep in (('csv', ','), ('tsv', '\t')):
        table = list(csv.DictReader(io.StringIO(
            run(SEARCH, '--db', db, '--format', fmt, 'Zelensky').out), delimiter=sep))
        by_title = {r['title']: r for r in table}
        assert '\'=HYPERLINK("http://evil.example","click")' in by_title, by_title.keys()
        row = by_title['\'=HYPERLINK("http://evil.example","click")']
        assert row['source'] == "'+cmd|calc" and row['snippet'].startswith("'-Putin"), row
        assert all(re.fullmatch(r'\d+(\.\d+)?', r[c]) for r in table for c in
                   ('rank', 'score', 'copies')), table
        mentions = list(csv.DictReader(io.StringIO(
            run(SEARCH, '--db', db, '--format', fmt, '--mentions', 'Putin').out), delimiter=sep))
        assert any(m['title'].startswith("'=") for m in mentions), mentions
        assert all(m[c].isdigit() for m in mentions for c in ('start', 'end', 'byte_start',
                                                              'byte_end')), mentions


for test in (kill_9_at_random_moments_loses_and_doubles_nothing,
             kill_9_during_merges_leaves_the_last_whole_set,
             disk_full_is_reported_and_the_last_commit_stays,
             read_only_database_is_a_clear_error,
             unreadable_files_are_counted_and_the_database_in_the_tree_is_not_read,
             second_writer_fails_fast_or_waits_with_wait,
             searches_during_commits_never_fail,
             huge_queries_are_refused_with_their_position,
             limits_are_capped_with_a_note,
             output_never_carries_document_controls):
    check(test.__name__, test)

print('seed %d' % SEED)
for f in facts:
    print('  ' + f)
finish()
