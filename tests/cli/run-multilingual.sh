#!/usr/bin/env bash
# Multilingual matrix: 16 languages x word, phrase, NEAR, title:, person: NEAR,
# date:, --mentions scope, --count-by month, aliases, mentions, unknown names;
# checked with tests/cli/multilingual.py over its own fixture corpus
# (tests/cli/fixtures/multilingual). Usage: run-multilingual.sh BIN_DIR SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$src/tests/cli/multilingual.py" "$bin" "$src" "$work"
