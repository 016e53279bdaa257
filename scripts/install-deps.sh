#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build and test disd. Idempotent: when every
# package is already installed it changes nothing and needs no privileges. Runs apt-get
# as root directly, otherwise through sudo.
#   --test-servers  also installs the real servers the integration tests start (Ceph RGW
#                   for the OBS sink); scripts/test.sh passes it.
set -euo pipefail

with_test_servers=0
for arg in "$@"; do
  case "$arg" in
    --test-servers) with_test_servers=1 ;;
    *) echo "install-deps: unknown argument $arg" >&2; exit 2 ;;
  esac
done

# Why each one is here: docs/dependencies.md.
packages=(
  build-essential cmake ninja-build pkg-config ccache
  libboost-dev librocksdb-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libsimdjson-dev
  libssl-dev libgtest-dev libgmock-dev curl openssl
  libprotobuf-dev protobuf-compiler liblz4-dev libsnappy-dev libzstd-dev
  libpq-dev
)
# Test servers (only with --test-servers): a single-node Ceph (monitor, memstore OSD,
# radosgw) is the signature-verifying S3 server the OBS sink tests run against.
test_server_packages=(
  ceph-mon ceph-osd radosgw ceph-common
)
# Test tools (also only with --test-servers): promtool (package prometheus) parses the
# /metrics exposition in the operations-endpoint tests, which fail without it.
test_server_packages+=(
  prometheus
)
# PostgreSQL 15 is the DWS sink's test peer (GaussDB(DWS) is PostgreSQL-derived);
# VictoriaMetrics speaks OpenTSDB's /api/put for the CloudTable OpenTSDB sink.
test_server_packages+=(
  postgresql victoria-metrics
)
if [[ $with_test_servers -eq 1 ]]; then
  packages+=("${test_server_packages[@]}")
fi

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
