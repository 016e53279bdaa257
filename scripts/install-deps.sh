#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build and test disd. Idempotent: when every
# package is already installed it changes nothing and needs no privileges. Runs apt-get
# as root directly, otherwise through sudo.
set -euo pipefail

# Why each one is here: docs/dependencies.md.
packages=(
  build-essential cmake ninja-build pkg-config ccache
  libboost-dev librocksdb-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libsimdjson-dev
  libssl-dev libgtest-dev libgmock-dev curl openssl
  libprotobuf-dev protobuf-compiler liblz4-dev libsnappy-dev libzstd-dev
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  if [[ "$status" != "installed" ]]; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: missing packages (${missing[*]}) and neither root nor sudo available" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "${missing[@]}"
