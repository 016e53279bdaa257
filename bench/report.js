// Prints bench/run.sh's results (one JSON object per line) as one Markdown table: each
// workload with disd and kinesalite side by side and their ratio.   node report.js results.jsonl
'use strict';
const fs = require('fs');
const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
const machine = rows.find(r => r.machine) || {};
const find = (server, label) => rows.find(r => r.server === server && r.label === label);
const num = (v, d = 0) => (v === undefined || v === null ? '-' :
  Number(v).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
const ms = v => (v === undefined ? '-' : Number(v) < 10 ? Number(v).toFixed(2) : Number(v).toFixed(1));
const ratio = (a, b) => (a && b ? (a / b).toFixed(1) + 'x' : '-');

const out = [];
out.push(`Machine: ${machine.nproc} vCPU (${machine.cpu}), ${Math.round((machine.mem_mb || 0) / 1024)} GiB, ` +
         `load before the run ${machine.load}; ${machine.secs} s per workload${machine.quick ? ' (quick mode)' : ''}.`);
out.push('');
out.push('| Workload | Metric | disd (JSON) | disd (protobuf) | disd nosync | kinesalite | disd / kinesalite |');
out.push('|---|---|---|---|---|---|---|');
const line = (w, metric, d, pb, ns, k, r) => out.push(`| ${w} | ${metric} | ${d} | ${pb} | ${ns} | ${k} | ${r} |`);

const idleD = find('disd', 'idle'), idleK = find('kinesalite', 'idle');
if (idleD) line('idle', 'RSS MB', num(idleD.server_rss_mb), '', '', num(idleK && idleK.server_rss_mb), '');

const put = label => {
  const d = find('disd', label), pb = find('disd-pb', label), ns = find('disd-nosync', label), k = find('kinesalite', label);
  if (!d && !ns) return;
  const rate = r => r && (r.batch === 1 ? r.req_per_s : r.records_per_s);
  const unit = (d || ns).batch === 1 ? 'req/s' : 'rec/s';
  line(label, unit, num(rate(d)), num(rate(pb)), num(rate(ns)), num(rate(k)), ratio(rate(d), rate(k)));
  if ((d || ns).batch !== 1) line(label, 'MB/s', num(d && d.mb_per_s, 1), num(pb && pb.mb_per_s, 1), num(ns && ns.mb_per_s, 1), num(k && k.mb_per_s, 1), '');
  const lat = r => (r ? `${ms(r.p50_ms)} / ${ms(r.p99_ms)} / ${ms(r.p999_ms)}` : '-');
  line(label, 'p50 / p99 / p99.9 ms', lat(d), lat(pb), lat(ns), lat(k), '');
  const errs = r => (r ? `${r.errors} / ${r.failed_records}` : '-');
  line(label, 'errors / failed records', errs(d), errs(pb), errs(ns), errs(k), '');
  const res = r => (r ? `${r.server_cpu_pct}% / ${r.server_hwm_mb}` : '-');
  line(label, 'server CPU / peak RSS MB', res(d), res(pb), res(ns), res(k), '');
};
const drain = label => {
  const d = find('disd', label), pb = find('disd-pb', label), k = find('kinesalite', label);
  if (!d) return;
  line(label, 'rec/s', num(d.records_per_s), num(pb && pb.records_per_s), '', num(k && k.records_per_s), ratio(d.records_per_s, k && k.records_per_s));
  line(label, 'MB/s', num(d.mb_per_s, 1), num(pb && pb.mb_per_s, 1), '', num(k && k.mb_per_s, 1), '');
  const lat = r => (r ? `${ms(r.p50_ms)} / ${ms(r.p99_ms)}` : '-');
  line(label, 'per call p50 / p99 ms', lat(d), lat(pb), '', lat(k), '');
  line(label, 'records read', num(d.records), num(pb && pb.records), '', num(k && k.records), '');
};

const labels = [...new Set(rows.filter(r => r.label && r.mode).map(r => r.label))];
for (const label of labels) {
  const any = rows.find(r => r.label === label);
  if (any.mode === 'put') put(label);
  else if (any.mode === 'drain') drain(label);
  else if (any.mode === 'mixed') {
    const d = find('disd', label), k = find('kinesalite', label);
    const lat = r => (r ? `${ms(r.e2e_p50_ms)} / ${ms(r.e2e_p99_ms)} / ${ms(r.e2e_p999_ms)}` : '-');
    line(label, 'put-to-get p50 / p99 / p99.9 ms', lat(d), '', '', lat(k), '');
    const cnt = r => (r ? `${num(r.produced)} / ${num(r.consumed)}` : '-');
    line(label, 'produced / consumed', cnt(d), '', '', cnt(k), '');
  } else if (any.mode === 'preload') {
    const d = find('disd', label), k = find('kinesalite', label);
    const p = r => (r ? `${num(r.records)} at ${num(r.records_per_s)} rec/s` : '-');
    line(label, 'history written', p(d), '', '', p(k), '');
  } else if (any.mode === 'flat') {
    for (const server of ['disd', 'kinesalite']) {
      const r = find(server, label);
      if (!r) continue;
      const points = Object.keys(r).filter(k => /^at\d+_p50_ms$/.test(k))
        .map(k => `SN ${num(Number(k.slice(2, -7)))}: ${ms(r[k])}`).join(', ');
      const cells = server === 'disd' ? [points + `; spread ${num(r.spread_pct, 1)}%`, '-'] : ['-', points + `; spread ${num(r.spread_pct, 1)}%`];
      line(label, `${server} p50 ms (cursor + read)`, cells[0], '', '', cells[1], '');
    }
  } else if (any.mode === 'verify') {
    const r = find('disd', label);
    line('W6 kill -9', 'acked / verified / missing / mismatched', `${num(r.acked)} / ${num(r.verified)} / ${num(r.missing)} / ${num(r.mismatched)}`, '', '', 'not durable (memdown)', '');
    line('W6 kill -9', 'restart to ready ms', num(r.restart_ready_ms), '', '', '-', '');
  } else if (any.mode === 'dbbench') {
    if (any.us_per_op !== undefined) {
      line(label + ' (100 B)', 'writes/s, mean us', `${num(any.records_per_s)}, ${num(any.us_per_op)} us`, '', '', '', '');
    } else {
      const d = find('disd', 'W1 c=4');
      line(label + ' (1 KiB, sync, batch 500)', 'rec/s (MB/s)', `${num(any.records_per_s)} (${num(any.mb_per_s, 1)})`, '', '', '',
           d ? `disd W1 c=4 = ${(100 * d.records_per_s / any.records_per_s).toFixed(0)}% of it` : '-');
    }
  }
}
console.log(out.join('\n'));
