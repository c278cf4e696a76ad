#!/usr/bin/env bash
# Installs everything the test suite needs, then runs it. `.ci/run` calls this same script.
# Extra arguments go to pytest (e.g. `scripts/test.sh -k table12 -x`).
# Fast loop while editing: `scripts/test.sh -m "not slow" -n auto` (pytest-xdist, a process a core: ~75 s
# on two cores, ~130 s in one) leaves out the browser, Virtuoso, packaging, kill, long hypothesis, corpus,
# DCAT-AP and docs tests listed in tests/conftest.py (SLOW_TESTS); without -m (CI, .ci/run) everything
# runs, in one process.
set -euo pipefail
cd "$(dirname "$0")/.."

# System tools the tests use, from Debian's packages, installed only where missing.
apt_packages=()
command -v rapper >/dev/null 2>&1 || apt_packages+=(raptor2-utils)   # a strict RDF parser
command -v curl >/dev/null 2>&1 || apt_packages+=(curl)              # the README tour's endpoint examples
if [ ${#apt_packages[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
    else
        echo "scripts/test.sh: please install ${apt_packages[*]} (needs root)" >&2
        exit 1
    fi
fi

# Headless Chromium, its driver and CJK fonts for the browser tests; Virtuoso for kg push's tests.
bash scripts/install-browser.sh
bash scripts/install-virtuoso.sh

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'

python3 -m pytest "$@"
