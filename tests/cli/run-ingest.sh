#!/usr/bin/env bash
# Ingestion tests (formats, bad input, incremental runs, kill -9, concurrent
# search) over a generated tree. Usage: run-ingest.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
exec python3 "$src/tests/cli/ingest.py" "$bin" "$src" "$work"
