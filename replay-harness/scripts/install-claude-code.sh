#!/usr/bin/env bash
# Installs the pinned Claude Code CLI from npm into a cache outside the repository and prints the path of its
# executable. Idempotent: a second run only checks the install. Usage: install-claude-code.sh [VERSION]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${1:-$(cat "$here/claude-code.version")}"
cache="${CCBRIDGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ccbridge}/claude-code/$version"
bin="$cache/node_modules/.bin/claude"

if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "^$version "; then
  echo "$bin"
  exit 0
fi
command -v npm >/dev/null || { echo "install-claude-code: npm is required (apt-get install -y npm)" >&2; exit 1; }
mkdir -p "$cache"
# engine-strict off: the package declares node>=22, but the CLI is a native binary that does not use node.
npm install --prefix "$cache" --no-audit --no-fund --loglevel=error --engine-strict=false \
  "@anthropic-ai/claude-code@$version" >&2
if ! "$bin" --version 2>/dev/null | grep -q "^$version "; then
  # Install scripts disabled: link the platform binary the way the package's postinstall does.
  node "$cache/node_modules/@anthropic-ai/claude-code/install.cjs" >&2
fi
"$bin" --version >&2
echo "$bin"
