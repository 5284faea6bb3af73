#!/usr/bin/env bash
# Installs what `make test` and `make serve` need beyond Go: a Chromium
# (Debian's chromium package) and a localhost that resolves.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else
    echo "deps: need root to run: $*" >&2
    echo "deps: install Chromium yourself (Debian: apt-get install chromium) and run make again." >&2
    exit 1
  fi
}

have_browser() {
  for b in chromium chromium-browser google-chrome google-chrome-stable chrome; do
    command -v "$b" >/dev/null 2>&1 && return 0
  done
  return 1
}

if ! have_browser; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: no Chromium or Chrome found and no apt-get: install one so that 'chromium' is on PATH." >&2
    exit 1
  fi
  echo "deps: installing Debian's chromium (one time)..."
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi

if ! getent hosts localhost >/dev/null 2>&1; then
  echo "deps: localhost does not resolve; adding it to /etc/hosts"
  echo "127.0.0.1 localhost" | as_root tee -a /etc/hosts >/dev/null
fi
