#!/usr/bin/env bash
# Configures (Ninja, RelWithDebInfo, ccache when available) into build/ and builds
# everything, tests included. JOBS sets the parallelism (default: the number of CPUs).
# Extra arguments are passed to ninja (e.g. a target name).
set -euo pipefail
cd "$(dirname "$0")/.."

jobs="${JOBS:-$(nproc)}"
configure=(-S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if command -v ccache >/dev/null 2>&1; then
  configure+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

if [[ ! -f build/build.ninja ]]; then
  cmake "${configure[@]}"
fi
cmake --build build --parallel "$jobs" -- "$@"
