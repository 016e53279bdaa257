#!/usr/bin/env bash
# Generates a self-signed TLS certificate and key for development and tests, for the names
# localhost, 127.0.0.1 and ::1 (plus any names given with -n), with the openssl command-line
# tool. Not for production: clients must be told to trust this exact certificate (e.g. the
# Java SDK's truststore, Python's verify=, curl --cacert).
#
# usage: scripts/gen-dev-cert.sh [-d DIR] [-n NAME]... [-days N]
#   -d DIR    where to write disd-dev.crt and disd-dev.key (default: ./tls)
#   -n NAME   an extra DNS name or IP address for the certificate (repeatable)
#   -days N   validity in days (default 365)
# Then set, in the config file:
#   "server": {"tls": {"listen": "127.0.0.1:20443",
#                      "cert_file": "DIR/disd-dev.crt", "key_file": "DIR/disd-dev.key"}}
set -euo pipefail

dir=./tls
days=365
sans=("DNS:localhost" "IP:127.0.0.1" "IP:::1")
while [[ $# -gt 0 ]]; do
  case "$1" in
    -d) dir="$2"; shift 2 ;;
    -days) days="$2"; shift 2 ;;
    -n)
      if [[ "$2" =~ ^[0-9.]+$ || "$2" == *:* ]]; then sans+=("IP:$2"); else sans+=("DNS:$2"); fi
      shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "gen-dev-cert: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

if ! command -v openssl >/dev/null 2>&1; then
  echo "gen-dev-cert: the openssl command is needed (Debian package 'openssl')" >&2
  exit 1
fi

mkdir -p "$dir"
san=$(IFS=,; echo "${sans[*]}")
umask 077  # the key is readable by its owner only
openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
  -days "$days" -subj "/CN=localhost/O=disd development" \
  -addext "subjectAltName=$san" -addext "basicConstraints=critical,CA:TRUE" \
  -keyout "$dir/disd-dev.key" -out "$dir/disd-dev.crt" 2>/dev/null
chmod 644 "$dir/disd-dev.crt"
echo "gen-dev-cert: wrote $dir/disd-dev.crt and $dir/disd-dev.key (valid $days days; $san)"
