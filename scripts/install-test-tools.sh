#!/usr/bin/env bash
# Installs the test-only tools of tests/tools/ (package.json + package-lock.json): node and
# npm from Debian when missing, then the npm packages (@duckdb/node-api, the independent
# Parquet reader) into tests/tools/node_modules at the lockfile's versions. (`npm install`,
# not `npm ci`: the lockfile lists only the platform packages the registry served, and
# `npm ci` insists on all of them.) Idempotent and offline-friendly:
# when node_modules already matches the lockfile and loads, it changes nothing and needs
# neither the network nor privileges. Why each tool is needed: docs/dependencies.md.
set -euo pipefail
cd "$(dirname "$0")/../tests/tools"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-test-tools: installing nodejs npm" >&2
  if [[ $(id -u) -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "install-test-tools: node/npm missing and neither root nor sudo available" >&2
    exit 1
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends nodejs npm
fi

stamp=node_modules/.disd-installed-lock.json
loads() { node --input-type=module -e "await import('@duckdb/node-api')" >/dev/null 2>&1; }

if [[ -f "$stamp" ]] && cmp -s package-lock.json "$stamp" && loads; then
  exit 0
fi

echo "install-test-tools: npm install in tests/tools" >&2
npm install --no-save --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
if ! loads; then
  echo "install-test-tools: @duckdb/node-api was installed but does not load" >&2
  exit 1
fi
