#!/usr/bin/env bash
# Installs what `make test`, `make serve` and `make bench` need beyond Go:
# the three engines the suite runs in (Debian's chromium, firefox-esr, and
# WebKitGTK's MiniBrowser with its WebDriver), Xvfb for WebKit (its
# MiniBrowser has no headless mode), certutil for Firefox's throwaway trust
# store, Node.js and npm (cmd/wxpack's tests install the npm packages and
# the bundlers they are tested under; a newer Node.js from the npm registry
# when Debian's is too old for them), a font with Chinese glyphs, and a
# localhost that resolves.
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
# The seed's comments are Chinese, and the harness shows them (and the
# README's screenshot of it): with no CJK font every one is a box. WenQuanYi
# Micro Hei is the smallest one Debian has (1.6 MB download; zenhei 7.5 MB,
# noto-cjk 57 MB); cmd/wxserve's TestHarnessCJK checks that it draws.
fc-list :lang=zh family 2>/dev/null | grep -q . || missing="$missing fonts-wqy-microhei"

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
# Node.js 20.19 or later, and Debian 12's nodejs is 18. Then a current
# Node.js comes from the npm registry (the one registry make test uses
# besides Debian's and Go's): the node-linux-ARCH package is the official
# binary, and npm the npm that goes with it, installed into build/tools
# with no install script run. The Makefile puts build/tools/node_modules/.bin
# first on PATH, and cmd/wxpack's tests do when it is there, so that node,
# npm and npx are these. A machine whose node is new enough gets nothing.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/build/tools"
toolsbin="$tools/node_modules/.bin"

# new_enough NODE says whether NODE --version is 20.19 or later.
new_enough() {
  local v major minor
  v="$("$1" --version 2>/dev/null)" || return 1
  v="${v#v}"
  major="${v%%.*}"; v="${v#*.}"; minor="${v%%.*}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  [ "$major" -gt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -ge 19 ]; }
}

if ! new_enough node && ! new_enough "$toolsbin/node"; then
  arch="$(node -p process.arch)"
  echo "deps: node $(node --version) is older than the 20.19 that Vite 8 needs;" \
    "installing Node.js 22 (node-linux-$arch) and npm 10 from the npm registry into build/tools (one time)..."
  rm -rf "$tools"
  mkdir -p "$tools"
  npm install --prefix "$tools" --ignore-scripts --no-audit --no-fund --no-update-notifier --loglevel=error \
    "node-linux-$arch@22" "npm@10" >/dev/null
  if ! new_enough "$toolsbin/node" || ! PATH="$toolsbin:$PATH" npm --version >/dev/null; then
    echo "deps: the Node.js installed into build/tools does not run: install Node.js 20.19 or later yourself" >&2
    exit 1
  fi
  echo "deps: node $("$toolsbin/node" --version), npm $(PATH="$toolsbin:$PATH" npm --version) in build/tools/node_modules/.bin"
fi

if ! getent hosts localhost >/dev/null 2>&1; then
  echo "deps: localhost does not resolve; adding it to /etc/hosts"
  echo "127.0.0.1 localhost" | as_root tee -a /etc/hosts >/dev/null
fi
