#!/usr/bin/env bash
# Fault tests (kill -9, disk full, read-only database, second writer, searches
# during commits), resource caps and output safety over generated documents.
# Usage: run-faults.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$src/tests/cli/faults.py" "$bin" "$src" "$work"
