#!/usr/bin/env bash
# Runs a throw-away single-node Ceph object gateway for the OBS sink tests: one monitor, one
# OSD on memstore (the data lives in memory and is gone when the OSD stops), radosgw, no
# manager, `auth none`, everything on 127.0.0.1. Adapted from the bootstrap that was tried
# on Debian 12 (Ceph 16); see docs/dump-tasks.md.
#
#   start-rgw.sh DIR MON_PORT RGW_PORT
#
# DIR is an empty scratch directory. The daemons run in the foreground as children of this
# script; once the gateway answers and the S3 user DISTESTAK/DISTESTSECRET exists, the
# script writes "DIR/ready" and waits. SIGTERM (or the end of any daemon) stops all of them.
# Logs: DIR/log/. Runs as root (the daemons then keep root via --setuser) or as any user
# that can write DIR.
set -euo pipefail

D=$1
MON_PORT=$2
RGW_PORT=$3
ACCESS_KEY=${RGW_ACCESS_KEY:-DISTESTAK}
SECRET_KEY=${RGW_SECRET_KEY:-DISTESTSECRET}

pids=()
cleanup() {
  trap - EXIT TERM INT
  if [[ ${#pids[@]} -gt 0 ]]; then
    # Nothing to keep (memstore): stop at once rather than wait for the OSD to say goodbye.
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

step() { echo "start-rgw: $*" >&2; }

mkdir -p "$D/run" "$D/log" "$D/mon.a" "$D/osd.0"
FSID=$(cat /proc/sys/kernel/random/uuid)
cat > "$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = v2:127.0.0.1:$MON_PORT
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
ms client mode = crc
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
mon allow pool size one = true
mon max pg per osd = 1000
mon data avail warn = 1
mon data avail crit = 0
osd crush chooseleaf type = 0
client mount timeout = 30
run dir = $D/run
pid file = $D/run/\$name.pid
log file = $D/log/\$name.log
admin socket = $D/run/\$name.asok
[mon.a]
mon data = $D/mon.a
[osd]
osd objectstore = memstore
osd data = $D/osd.\$id
memstore device bytes = 1073741824
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
# Host "bucket.localhost:PORT" addresses a bucket (virtual-hosted style); any other Host,
# such as 127.0.0.1:PORT, is path-style.
rgw dns name = localhost
CONF

C=(-c "$D/ceph.conf")
as_user=()
if [[ $(id -u) -eq 0 ]]; then
  as_user=(--setuser root --setgroup root)
fi

step "monitor on port $MON_PORT"
monmaptool --create --add a "127.0.0.1:$MON_PORT" --fsid "$FSID" "$D/monmap" >/dev/null
ceph-mon "${C[@]}" --mkfs -i a --monmap "$D/monmap"
ceph-mon "${C[@]}" -i a -f "${as_user[@]}" &
pids+=($!)

step "OSD (memstore)"
UUID=$(cat /proc/sys/kernel/random/uuid)
ID=$(timeout 60 ceph "${C[@]}" osd new "$UUID")
ceph-osd "${C[@]}" -i "$ID" --mkfs --osd-uuid "$UUID" "${as_user[@]}" >/dev/null 2>&1
ceph-osd "${C[@]}" -i "$ID" -f "${as_user[@]}" &
pids+=($!)

step "gateway on port $RGW_PORT"
radosgw "${C[@]}" -n client.rgw.a -f --no-mon-config "${as_user[@]}" &
pids+=($!)
for _ in $(seq 1 240); do
  if curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/"; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { step "a daemon ended during startup (see $D/log)"; exit 1; }
  done
  sleep 0.25
done
curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/" || { step "gateway did not answer"; exit 1; }

step "S3 user $ACCESS_KEY"
timeout 60 radosgw-admin "${C[@]}" -n client.rgw.a --no-mon-config user create --uid=dis \
  --display-name=dis --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >/dev/null 2>&1

echo "http://127.0.0.1:$RGW_PORT" > "$D/ready.tmp"
mv "$D/ready.tmp" "$D/ready"
step "ready"
# Until SIGTERM, or until one of the daemons ends.
wait -n "${pids[@]}" || true
step "a daemon ended; stopping"
exit 1
