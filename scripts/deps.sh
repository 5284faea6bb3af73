#!/usr/bin/env bash
# Installs what `make test`, `make serve` and `make bench` need beyond Go:
# the three engines the suite runs in (Debian's chromium, firefox-esr, and
# WebKitGTK's MiniBrowser with its WebDriver), Xvfb for WebKit (its
# MiniBrowser has no headless mode), certutil for Firefox's throwaway trust
# store, Node.js and npm (cmd/wxpack's tests install the npm packages and
# the bundlers they are tested under), and a localhost that resolves.
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else
    echo "deps: need root to run: $*" >&2
    echo "deps: install them yourself (Debian: apt-get install $missing) and run make again." >&2
    exit 1
  fi
}

have() {
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 && return 0; done
  return 1
}

missing=""
have chromium chromium-browser google-chrome google-chrome-stable chrome || missing="$missing chromium fonts-liberation"
have firefox-esr firefox || missing="$missing firefox-esr"
have WebKitWebDriver || missing="$missing webkit2gtk-driver"
have Xvfb || missing="$missing xvfb"
have certutil || missing="$missing libnss3-tools"
have node || missing="$missing nodejs"
have npm || missing="$missing npm"

if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: missing:$missing; no apt-get here: install them so that they are on PATH." >&2
    exit 1
  fi
  echo "deps: installing Debian's$missing (one time)..."
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Vite 8, one of the bundlers the npm package is tested under, needs
# Node.js 20.19 or later (Debian 12's nodejs is 18): say so before its test does.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
  echo "deps: node $(node --version) is older than the 20.19 that Vite 8 needs: cmd/wxpack's TestVite will fail (install a newer Node.js)" >&2
fi

if ! getent hosts localhost >/dev/null 2>&1; then
  echo "deps: localhost does not resolve; adding it to /etc/hosts"
  echo "127.0.0.1 localhost" | as_root tee -a /etc/hosts >/dev/null
fi
