#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are missing, as root or through sudo;
# otherwise says which are missing and how to install them, and exits 1. Progress goes to stderr.
#   bash scripts/system_packages.sh chromium postgresql redis-server
set -euo pipefail

log() { echo "system_packages: $*" >&2; }

installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

missing=()
for package in "$@"; do
    installed "$package" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    log "missing: ${missing[*]}; this is not a Debian-based system, install them with its package manager."
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    as_root() { "$@"; }
elif command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
    as_root() { sudo "$@"; }  # asks for a password only when someone is at the terminal
else
    log "missing: ${missing[*]}; installing them needs root or sudo: sudo apt-get install ${missing[*]}"
    exit 1
fi

log "installing ${missing[*]}"
as_root apt-get update -qq >&2
# Through env: sudo resets the environment, and a debconf question would stall an unattended run.
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
