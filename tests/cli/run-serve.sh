#!/usr/bin/env bash
# concord-serve end to end in headless Chromium (tests/cli/serve.py). Exits
# 77 (skipped) when Chromium is not installed.
# Usage: run-serve.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$src/tests/cli/serve.py" "$bin" "$src" "$work"
