#!/usr/bin/env bash
# The side-by-side benchmark of docs/performance.md: disd and kinesalite on this machine in one
# run, workloads W1-W6 from one load generator (disd_loadgen), the raw RocksDB write ceiling
# (db_bench), and one table with both servers and their ratios.
#
#   bench/run.sh [--quick]
#
# Environment:
#   BUILD_DIR          build tree holding disd and disd_loadgen (default: build)
#   BENCH_SECONDS      measured seconds per workload (default 10; --quick: 3)
#   BENCH_WARMUP       warm-up seconds before W1/W4 measurements (default 2; --quick: 1)
#   BENCH_W5_RECORDS   records of history for W5 on disd (default 10000000; --quick: 200000)
#   BENCH_W5_KINESALITE_RECORDS  the same for kinesalite (default 1000000; --quick: 100000);
#                      kinesalite keeps everything in memory and writes ~15k records/s
#   BENCH_SKIP         space-separated workloads to skip (e.g. "W5 W6 dbbench")
#   BENCH_OUT          results directory (default bench/results/<timestamp>)
#
# Everything listens on 127.0.0.1 only; every wait and every workload is bounded in time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build}"
[[ "$BUILD" = /* ]] || BUILD="$ROOT/$BUILD"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
SECS="${BENCH_SECONDS:-$([[ $QUICK == 1 ]] && echo 3 || echo 10)}"
WARM="${BENCH_WARMUP:-$([[ $QUICK == 1 ]] && echo 1 || echo 2)}"
W5_N="${BENCH_W5_RECORDS:-$([[ $QUICK == 1 ]] && echo 200000 || echo 10000000)}"
W5_KN="${BENCH_W5_KINESALITE_RECORDS:-$([[ $QUICK == 1 ]] && echo 100000 || echo 1000000)}"
SKIP=" ${BENCH_SKIP:-} "
OUT="${BENCH_OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}"
DISD="$BUILD/disd"
LOADGEN="$BUILD/disd_loadgen"
NODE_DIR="$ROOT/bench/.node"

for bin in "$DISD" "$LOADGEN"; do
  [[ -x "$bin" ]] || { echo "missing $bin: build first (cmake --build $BUILD)" >&2; exit 1; }
done
mkdir -p "$OUT"
WORK="$(mktemp -d -t disd-bench.XXXXXX)"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "[bench] $*" >&2; }
skip() { [[ "$SKIP" == *" $1 "* ]]; }

# ---- prerequisites ---------------------------------------------------------------------
if [[ ! -f "$NODE_DIR/node_modules/kinesalite/package.json" ]]; then
  log "installing kinesalite into bench/.node"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --loglevel=error kinesalite@3.3.3 >&2)
fi
if ! skip dbbench && ! command -v db_bench >/dev/null; then
  log "installing rocksdb-tools (db_bench)"
  if [[ $(id -u) == 0 ]]; then apt-get install -y rocksdb-tools >&2
  else sudo apt-get install -y rocksdb-tools >&2; fi
fi

# ---- process helpers -------------------------------------------------------------------
wait_file() {  # FILE PID: waits up to 30 s for FILE while PID lives
  for _ in $(seq 1 300); do
    [[ -s "$1" ]] && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
TICKS=$(getconf CLK_TCK)

write_disd_config() {  # FILE: benchmark settings (traffic control off, no access log)
  cat > "$1" <<'JSON'
{
  "log": {"level": "warn", "access_log": false},
  "streams": {
    "common_partition_quota": 100000,
    "get_records_max_bytes": 16777216,
    "traffic_control": false
  }
}
JSON
}

start_disd() {  # NAME DURABILITY [DATA_DIR]: sets DISD_PID and DISD_PORT
  local name="$1" durability="$2" data="${3:-$WORK/$1-data}"
  write_disd_config "$WORK/disd.jsonc"
  rm -f "$WORK/$name.ready"
  "$DISD" --config "$WORK/disd.jsonc" --listen 127.0.0.1:0 --data-dir "$data" \
    --durability "$durability" --ready-file "$WORK/$name.ready" 2>>"$OUT/$name.log" &
  DISD_PID=$!
  PIDS+=("$DISD_PID")
  wait_file "$WORK/$name.ready" "$DISD_PID" || { log "disd ($name) did not start"; tail "$OUT/$name.log" >&2; exit 1; }
  DISD_PORT="$(sed 's/.*://' "$WORK/$name.ready")"
}

start_kinesalite() {  # sets KIN_PID and KIN_PORT
  rm -f "$WORK/kinesalite.port"
  NODE_PATH="$NODE_DIR/node_modules" node "$ROOT/bench/kinesalite.js" "$WORK/kinesalite.port" \
    2>>"$OUT/kinesalite.log" &
  KIN_PID=$!
  PIDS+=("$KIN_PID")
  wait_file "$WORK/kinesalite.port" "$KIN_PID" || { log "kinesalite did not start"; exit 1; }
  KIN_PORT="$(cat "$WORK/kinesalite.port")"
}

# run SERVER PID PORT PROTO LABEL MODE [key=value...]: one loadgen run, its line (plus the
# server's CPU use and RSS) appended to results.jsonl.
run() {
  local server="$1" pid="$2" port="$3" proto="$4" label="$5" mode="$6"
  shift 6
  local t0 c0 line t1 c1 cpu
  t0=$(date +%s%N); c0=$(cpu_ticks "$pid")
  line="$("$LOADGEN" "$mode" port="$port" proto="$proto" label="$label" "$@" 2>>"$OUT/loadgen.log")" || true
  t1=$(date +%s%N); c1=$(cpu_ticks "$pid")
  [[ -n "$line" ]] || { log "$server $label: no result (see loadgen.log)"; return 0; }
  cpu=$(awk -v c="$((c1 - c0))" -v t="$((t1 - t0))" -v hz="$TICKS" 'BEGIN {printf "%.0f", (t > 0 ? c / hz / (t / 1e9) * 100 : 0)}')
  line="${line%\}},\"server\":\"$server\",\"server_cpu_pct\":$cpu,\"server_rss_mb\":$(( $(rss_kb "$pid") / 1024 )),\"server_hwm_mb\":$(( $(hwm_kb "$pid") / 1024 ))}"
  echo "$line" >> "$RESULTS"
  log "$line"
}

# both LABEL MODE [key=value...]: the same run against disd (JSON), disd (protobuf, W1/W2
# only when PB=1) and kinesalite.
both() {
  local label="$1" mode="$2"
  shift 2
  run disd "$DISD_PID" "$DISD_PORT" dis "$label" "$mode" "$@"
  [[ "${PB:-0}" == 1 ]] && run disd-pb "$DISD_PID" "$DISD_PORT" dis-pb "$label" "$mode" "$@"
  run kinesalite "$KIN_PID" "$KIN_PORT" kinesis "$label" "$mode" "$@"
}

# ---- machine ---------------------------------------------------------------------------
{
  echo "{\"machine\":true,\"nproc\":$(nproc),\"mem_mb\":$(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo),"\
"\"cpu\":\"$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)\",\"secs\":$SECS,\"quick\":$QUICK,"\
"\"kernel\":\"$(uname -r)\",\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
} >> "$RESULTS"

start_disd disd sync
start_kinesalite
sleep 1  # let both settle before reading the idle footprint
echo "{\"label\":\"idle\",\"mode\":\"idle\",\"server\":\"disd\",\"server_rss_mb\":$(( $(rss_kb "$DISD_PID") / 1024 ))}" >> "$RESULTS"
echo "{\"label\":\"idle\",\"mode\":\"idle\",\"server\":\"kinesalite\",\"server_rss_mb\":$(( $(rss_kb "$KIN_PID") / 1024 ))}" >> "$RESULTS"

# ---- W1 ingest, W2 drain ------------------------------------------------------------------
if ! skip W1; then
  for c in 1 4 16; do
    PB=1 both "W1 c=$c" put stream=w1 partitions=4 c="$c" batch=500 size=1024 secs="$SECS" warmup="$WARM"
  done
fi
if ! skip W2; then
  PB=1 both "W2 limit=10000" drain stream=w1 partitions=4 limit=10000 max_bytes=16777216 secs=600
  both "W2 limit=1000" drain stream=w1 partitions=4 limit=1000 max_bytes=1048576 secs=600
fi

# ---- W3 mixed ----------------------------------------------------------------------------
if ! skip W3; then
  both "W3 mixed" mixed stream=w3 partitions=4 producers=4 rate=2000 batch=100 size=1024 \
    poll_ms=200 secs="$SECS"
fi

# ---- W4 single small records, sync and nosync -----------------------------------------------
if ! skip W4; then
  for c in 1 8; do
    both "W4 c=$c" put stream=w4 partitions=4 c="$c" batch=1 size=100 secs="$SECS" warmup="$WARM"
  done
  SYNC_PID=$DISD_PID SYNC_PORT=$DISD_PORT
  start_disd disd-nosync nosync
  for c in 1 8; do
    run disd-nosync "$DISD_PID" "$DISD_PORT" dis "W4 c=$c" put stream=w4 partitions=4 c="$c" \
      batch=1 size=100 secs="$SECS" warmup="$WARM"
  done
  run disd-nosync "$DISD_PID" "$DISD_PORT" dis "W1 c=4" put stream=w1 partitions=4 c=4 \
    batch=500 size=1024 secs="$SECS" warmup="$WARM"
  kill "$DISD_PID"; wait "$DISD_PID" 2>/dev/null || true
  DISD_PID=$SYNC_PID DISD_PORT=$SYNC_PORT
fi

# ---- W5 flat reads over a long history -------------------------------------------------------
if ! skip W5; then
  run disd "$DISD_PID" "$DISD_PORT" dis "W5 preload" preload stream=w5 partitions=1 c=4 batch=500 \
    size=100 records="$W5_N" positions="$WORK/w5-disd.pos" secs=3600
  run disd "$DISD_PID" "$DISD_PORT" dis "W5 flat" flat stream=w5 partitions=1 limit=100 repeats=200 \
    positions="$WORK/w5-disd.pos"
  run kinesalite "$KIN_PID" "$KIN_PORT" kinesis "W5 preload" preload stream=w5 partitions=1 batch=500 \
    size=100 records="$W5_KN" positions="$WORK/w5-kin.pos" secs=3600
  run kinesalite "$KIN_PID" "$KIN_PORT" kinesis "W5 flat" flat stream=w5 partitions=1 limit=100 \
    repeats=200 positions="$WORK/w5-kin.pos"
fi

# ---- W6 kill -9 during ingest, restart, verify ---------------------------------------------
if ! skip W6; then
  SYNC_PID=$DISD_PID SYNC_PORT=$DISD_PORT
  start_disd disd-w6 sync "$WORK/w6-data"
  "$LOADGEN" put port="$DISD_PORT" proto=dis label="W6 ingest" stream=w6 partitions=4 c=4 batch=500 \
    size=1024 secs=60 ack_log="$WORK/w6.acks" stop_on_error=1 >>"$OUT/w6-ingest.jsonl" 2>>"$OUT/loadgen.log" &
  LG=$!
  sleep "$(( SECS < 5 ? 2 : SECS / 2 ))"
  kill -9 "$DISD_PID"
  wait "$DISD_PID" 2>/dev/null || true
  wait "$LG" || true
  t0=$(date +%s%N)
  start_disd disd-w6 sync "$WORK/w6-data"
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  line="$("$LOADGEN" verify port="$DISD_PORT" proto=dis label="W6 verify" stream=w6 partitions=4 \
    size=1024 limit=10000 ack_log="$WORK/w6.acks" secs=600 2>>"$OUT/loadgen.log")" || true
  echo "${line%\}},\"server\":\"disd\",\"restart_ready_ms\":$ready_ms}" >> "$RESULTS"
  log "$line (ready after ${ready_ms} ms)"
  kill "$DISD_PID"; wait "$DISD_PID" 2>/dev/null || true
  DISD_PID=$SYNC_PID DISD_PORT=$SYNC_PORT
fi

# ---- the raw RocksDB ceiling -------------------------------------------------------------------
if ! skip dbbench && command -v db_bench >/dev/null; then
  num=$(( SECS * 400000 ))
  db_bench --benchmarks=fillseq --db="$WORK/db_bench" --num="$num" --key_size=16 --value_size=1024 \
    --batch_size=500 --sync=1 --compression_type=none --threads=1 --duration="$SECS" \
    --disable_wal=0 > "$OUT/db_bench.txt" 2>&1 || true
  ops=$(awk '/^fillseq/ {for (i = 1; i <= NF; i++) if ($i ~ /^ops\/sec;?$/) print $(i-1)}' "$OUT/db_bench.txt")
  mbs=$(awk '/^fillseq/ {for (i = 1; i <= NF; i++) if ($i == "MB/s") print $(i-1)}' "$OUT/db_bench.txt")
  echo "{\"label\":\"RocksDB fillseq\",\"mode\":\"dbbench\",\"server\":\"rocksdb\",\"records_per_s\":${ops:-0},\"mb_per_s\":${mbs:-0}}" >> "$RESULTS"
  rm -rf "$WORK/db_bench"
  # The fsync floor under W4: one synced 100-byte write at a time.
  db_bench --benchmarks=fillseq --db="$WORK/db_bench" --num=$(( SECS * 300 )) --key_size=16 \
    --value_size=100 --batch_size=1 --sync=1 --compression_type=none --threads=1 \
    > "$OUT/db_bench_sync1.txt" 2>&1 || true
  us=$(awk '/^fillseq/ {print $3}' "$OUT/db_bench_sync1.txt")
  ops=$(awk '/^fillseq/ {for (i = 1; i <= NF; i++) if ($i ~ /^ops\/sec;?$/) print $(i-1)}' "$OUT/db_bench_sync1.txt")
  echo "{\"label\":\"RocksDB sync batch 1\",\"mode\":\"dbbench\",\"server\":\"rocksdb\",\"records_per_s\":${ops:-0},\"us_per_op\":${us:-0}}" >> "$RESULTS"
  rm -rf "$WORK/db_bench"
fi

node "$ROOT/bench/report.js" "$RESULTS" | tee "$OUT/table.md"
log "results in $OUT"
