#!/usr/bin/env bash
# CLI golden tests over the sample corpus: runs the built executables and
# checks their output with tests/cli/golden.py. Usage: run-golden.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
exec python3 "$src/tests/cli/golden.py" "$bin" "$src" "$work"
