#!/usr/bin/env bash
# Shard tests (docs/scaling.md): one database vs the same documents in shards,
# local and served by xapian-tcpsrv. Exits 77 (skipped) without xapian-tools.
# Usage: run-shards.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$src/tests/cli/shards.py" "$bin" "$src" "$work"
