#!/usr/bin/env bash
# Installs what is missing, builds everything (tests included) into build/, and runs the
# whole test suite. Exits with ctest's status. Extra arguments are passed to ctest
# (e.g. -L unit, -R Config).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test-servers
scripts/install-test-tools.sh
scripts/build.sh
exec ctest --test-dir build --output-on-failure -j2 "$@"
