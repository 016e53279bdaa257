#!/usr/bin/env bash
# Installs what is missing, builds into build/, and starts build/disd in the foreground
# (127.0.0.1:20080, data in ./data unless overridden). Any arguments are passed to disd,
# e.g. scripts/start.sh --listen 127.0.0.1:0 --ready-file /tmp/disd.ready
# Settings come from config/disd.jsonc unless DISD_CONFIG or --config names another file.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh disd

config_args=()
if [[ -z "${DISD_CONFIG:-}" ]]; then
  config_args=(--config config/disd.jsonc)
fi
exec build/disd "${config_args[@]}" "$@"
