#!/usr/bin/env bash
# Installs everything the test suite needs, then runs it. `.ci/run` calls this same script.
# Extra arguments go to pytest (e.g. `scripts/test.sh -k table12 -x`).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

python3 -m pytest "$@"
