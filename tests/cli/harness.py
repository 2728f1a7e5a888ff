"""What the CLI test scripts share: running concord's programs, reading JSON
Lines, named checks that report every failure and go on, and the summary.

A script is run as  SCRIPT.py BIN_DIR SOURCE_DIR WORK_DIR  and does
    from harness import BIN, SRC, WORK, run, jsonl, check, run_all, finish
"""
import json
import os
import subprocess
import sys
import time

BIN, SRC, WORK = sys.argv[1:4]
failures = []
_passed = [0]


def run(tool, *args, rc=0, timeout=300, **popen):
    """Runs TOOL (a name in BIN_DIR, or a path) with ARGS. Output is decoded
    (invalid UTF-8 replaced) into .stdout/.stderr, also named .out/.err; the
    bytes stay in .stdout_bytes/.stderr_bytes. RC:
    the exit status wanted (an int, a tuple of them, or None for any). A
    program still running after TIMEOUT seconds fails the check."""
    path = tool if os.path.isabs(tool) else os.path.join(BIN, tool)
    argv = [a if isinstance(a, (str, bytes)) else str(a) for a in args]
    r = subprocess.run([path, *argv], capture_output=True, timeout=timeout, **popen)
    r.stdout_bytes, r.stderr_bytes = r.stdout, r.stderr
    r.stdout = r.stdout.decode('utf-8', 'replace')
    r.stderr = r.stderr.decode('utf-8', 'replace')
    r.out, r.err = r.stdout, r.stderr
    wanted = rc if isinstance(rc, tuple) else (rc,)
    if rc is not None and r.returncode not in wanted:
        raise AssertionError('%s %s: exit %d, wanted %s\nstderr: %s' % (
            os.path.basename(path), ' '.join(map(repr, argv)), r.returncode, rc, r.stderr))
    return r


def jsonl(r):
    """The JSON objects of a JSON Lines output (a run's result or a text)."""
    text = r if isinstance(r, str) else r.stdout
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def check(name, fn):
    """Runs one named check; a failure is reported and the next check runs."""
    started = time.monotonic()
    try:
        fn()
        _passed[0] += 1
        print('ok    %-58s %5.1f s' % (name, time.monotonic() - started), flush=True)
    except Exception as e:  # noqa: BLE001 - report every failure, keep going
        failures.append(name)
        print('FAIL  %-58s %5.1f s\n      %s' % (name, time.monotonic() - started,
                                            str(e).replace('\n', '\n      ')), flush=True)


def run_all(namespace, skip=()):
    """Checks every function of the script (NAMESPACE: its globals()) that
    takes no argument and is not a helper: not named with a leading '_',
    not in SKIP."""
    for name, fn in list(namespace.items()):
        if (callable(fn) and getattr(fn, '__module__', None) == '__main__' and
                not name.startswith('_') and name not in skip and
                getattr(fn, '__code__', None) is not None and fn.__code__.co_argcount == 0):
            check(name, fn)


def finish():
    """Prints the summary and exits: 1 when a check failed."""
    print('%d passed, %d failed' % (_passed[0], len(failures)))
    sys.exit(1 if failures else 0)
