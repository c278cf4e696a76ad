#!/usr/bin/env bash
# Installs what the browser tests (tests/test_browser.py) need, from Debian's packages, only where
# missing: headless Chromium, its WebDriver and CJK fonts (so screenshots show legible Chinese).
# Idempotent and quiet; needs root to install anything. Nothing is downloaded by Selenium itself.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" || missing+=(fonts-noto-cjk)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser.sh: please install ${missing[*]} (needs root)" >&2
    exit 1
fi
# apt's chatter (debconf notes and the like) is shown only when something fails.
if ! log=$(apt-get update -qq 2>&1 && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" 2>&1); then
    echo "$log" >&2
    echo "install-browser.sh: could not install ${missing[*]}" >&2
    exit 1
fi
