#!/usr/bin/env bash
# Installs OpenLink Virtuoso (Debian's virtuoso-opensource-7), which tests/test_push.py starts as
# its own throwaway server, only where it is missing. Non-interactive and quiet; needs root.
#
# - The package's debconf question (a password for the system database's dba and dav users) is
#   preseeded with a random password that nothing uses: the tests never touch the system
#   database, they create a fresh one in a temporary folder, where dba's password is "dba".
# - No service is started: the package's postinst would start the system daemon (on 0.0.0.0:1111
#   and :8890) to set that password, so invoke-rc.d is told "no" (policy-rc.d exits 101) for the
#   time of the install, and the daemon stays disabled afterwards (RUN=no).
set -euo pipefail

if command -v virtuoso-t >/dev/null 2>&1 && [ -f /etc/virtuoso-opensource-7/virtuoso.ini ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-virtuoso.sh: please install virtuoso-opensource-7 (needs root)" >&2
    exit 1
fi

policy=/usr/sbin/policy-rc.d
saved_policy=""
if [ -e "$policy" ]; then
    saved_policy=$(mktemp)
    cp -p "$policy" "$saved_policy"
fi
restore_policy() {
    if [ -n "$saved_policy" ]; then
        mv -f "$saved_policy" "$policy"
    else
        rm -f "$policy"
    fi
}
trap restore_policy EXIT
printf '#!/bin/sh\n# install-virtuoso.sh: no service starts while packages are installed\nexit 101\n' >"$policy"
chmod 755 "$policy"

password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
debconf-set-selections <<EOF
virtuoso-opensource-7 virtuoso-opensource-7/dba-password password $password
virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password $password
EOF

# apt's chatter (debconf notes and the like) is shown only when something fails.
if ! log=$(apt-get update -qq 2>&1 && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends virtuoso-opensource-7 2>&1); then
    echo "$log" >&2
    echo "install-virtuoso.sh: could not install virtuoso-opensource-7" >&2
    exit 1
fi
# The password is not needed any more; debconf keeps no copy of it.
echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password" | debconf-set-selections
echo "virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password" | debconf-set-selections
if [ -f /etc/default/virtuoso-opensource-7 ]; then
    sed -i 's/^RUN=yes/RUN=no/' /etc/default/virtuoso-opensource-7
fi
command -v virtuoso-t >/dev/null 2>&1 || { echo "install-virtuoso.sh: virtuoso-t is missing after the install" >&2; exit 1; }
