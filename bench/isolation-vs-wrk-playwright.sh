#!/usr/bin/env bash
# Isolation matrix throughput: chaos bench isolation vs wrk (raw request ceiling) vs Playwright's request context,
# all three against the same playground gateway in the same run, on 127.0.0.1, bounded in time. Then the failover
# probe's heap over a simulated hour at 100 req/s in a 64 MiB heap. See bench/README.md.
#
# Knobs (environment): TENANTS=50 ENDPOINTS=4 CONCURRENCY=16 WARMUP_TENANTS=10 WRK_SECONDS=10 WRK_THREADS=2
#   JVM_WARMUP_ROUNDS=5: our JVM runs the whole matrix this many times untimed first, so that it is measured in
#   steady state as wrk is (Playwright's Node process warms up with WARMUP_TENANTS like before)
#   JVM_RUNS=5: measured runs of the whole matrix; the median run is our number (wrk's is a 10 s average)
#   wrk runs twice, before and after ours, and its number is the higher of the two: on a machine shared with other
#   work the ceiling drifts, and the first wrk run also pays for the gateway's own JIT warm-up; the higher one is
#   the ceiling we are compared with
#   CLIENTS="ours okhttp okhttp-blocking": the JVM clients measured, in this order, each with the same warm-up rounds
#   and runs (chaos bench isolation --client ...): ours (the engine's probe.http), okhttp (the same matrix through
#   OkHttp's Dispatcher) and okhttp-blocking (OkHttp's blocking calls on CONCURRENCY threads)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/bench"
TENANTS="${TENANTS:-50}"
ENDPOINTS="${ENDPOINTS:-4}"
CONCURRENCY="${CONCURRENCY:-16}"
WARMUP_TENANTS="${WARMUP_TENANTS:-10}"
JVM_WARMUP_ROUNDS="${JVM_WARMUP_ROUNDS:-5}"
JVM_RUNS="${JVM_RUNS:-5}"
WRK_SECONDS="${WRK_SECONDS:-10}"
WRK_THREADS="${WRK_THREADS:-2}"
# the gateway stays up at most this long, whatever happens to this script
SERVE_SECONDS="${SERVE_SECONDS:-600}"
CLIENTS="${CLIENTS:-ours okhttp okhttp-blocking}"

for knob in TENANTS ENDPOINTS CONCURRENCY WARMUP_TENANTS JVM_WARMUP_ROUNDS JVM_RUNS WRK_SECONDS WRK_THREADS SERVE_SECONDS; do
  if ! [[ "${!knob}" =~ ^[0-9]+$ ]]; then
    echo "bench: $knob='${!knob}' must be a whole number" >&2
    exit 2
  fi
done

for client in $CLIENTS; do
  case "$client" in ours|okhttp|okhttp-blocking) ;;
    *) echo "bench: CLIENTS='$CLIENTS': each must be ours, okhttp or okhttp-blocking" >&2; exit 2 ;; esac
done
case " $CLIENTS " in *" ours "*) ;; *) echo "bench: CLIENTS='$CLIENTS' must include ours" >&2; exit 2 ;; esac

say() { printf '\n== %s\n' "$*" >&2; }

# --- what the comparison needs -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  say "installing wrk (Debian package)"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk >&2; else sudo apt-get install -y wrk >&2; fi
fi
if [ ! -x "$bench/playwright/node_modules/.bin/playwright" ]; then
  say "installing @playwright/test (no browser: only its request context is used)"
  (cd "$bench/playwright" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund >&2)
fi
say "building the chaos CLI if needed"
"$root/chaos" --version >&2
jar="$root/chaos-cli/target/chaos-cli-0.1.0-SNAPSHOT-cli.jar"

work="$(mktemp -d -t chaos-bench-run-XXXXXX)"
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill "$serve_pid" 2>/dev/null || true   # SIGTERM: the JVM deletes the tokens file on the way out
    wait "$serve_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- one gateway for all three clients -----------------------------------------------------------------------------
say "starting the playground gateway ($TENANTS tenants, at most ${SERVE_SECONDS}s)"
"$root/chaos" bench isolation --serve-only "$SERVE_SECONDS" --tenants "$TENANTS" --endpoints "$ENDPOINTS" \
  --concurrency "$CONCURRENCY" >"$work/serve.log" 2>&1 &
serve_pid=$!
tokens=""
for _ in $(seq 1 300); do
  tokens="$(sed -n 's/^tokens: //p' "$work/serve.log")"
  [ -n "$tokens" ] && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "bench: the gateway did not start" >&2; exit 4; }
  sleep 0.2
done
[ -n "$tokens" ] || { cat "$work/serve.log" >&2; echo "bench: no tokens file after 60 s" >&2; exit 4; }
url="$(sed -n 's/^gateway: \([^ ]*\).*/\1/p' "$work/serve.log")"
case "$url" in http://127.0.0.1:*) ;; *) echo "bench: unexpected gateway URL '$url'" >&2; exit 4 ;; esac
echo "gateway $url, tokens in $tokens (0600)" >&2

# --- (a) wrk: the raw ceiling, one tenant's own GET endpoint ----------------------------------------------------------
run_wrk() {  # $1: label, $2: output file; prints wrk's requests/s
  say "($1) wrk: ${WRK_SECONDS}s, $WRK_THREADS threads, $CONCURRENCY connections on tenant-00's own models"
  CHAOS_TOKENS_FILE="$tokens" CHAOS_TENANT=tenant-00 \
    timeout $((WRK_SECONDS + 30)) wrk -t"$WRK_THREADS" -c"$CONCURRENCY" -d"${WRK_SECONDS}s" --timeout 10s \
    -s "$bench/wrk/own-tenant.lua" "$url/v1/tenants/tenant-00/models" | tee "$2" >&2
  if grep -q "Non-2xx or 3xx responses" "$2"; then
    echo "bench: wrk got non-2xx answers: the token or the path is wrong, its number would mean nothing" >&2
    exit 4
  fi
  awk '/^Requests\/sec:/ {print $2}' "$2"
}
wrk_before="$(run_wrk a "$work/wrk.txt")"

# --- (b) Playwright: the same matrix, same concurrency, same warm-up -------------------------------------------------
say "(b) Playwright request context: $TENANTS x $ENDPOINTS matrix, $CONCURRENCY in flight"
(cd "$bench/playwright" && CHAOS_TOKENS_FILE="$tokens" CHAOS_TENANTS="$TENANTS" CHAOS_ENDPOINTS="$ENDPOINTS" \
  CHAOS_CONCURRENCY="$CONCURRENCY" CHAOS_WARMUP_TENANTS="$WARMUP_TENANTS" CHAOS_RESULT_FILE="$work/playwright.json" \
  PLAYWRIGHT_OUTPUT_DIR="$work/playwright-out" timeout 600 ./node_modules/.bin/playwright test >&2)
pw_rps="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).rps.toFixed(1))' \
  "$work/playwright.json")"

# --- (c) the JVM clients: chaos bench isolation against the same gateway, ours and OkHttp ----------------------------
measure_jvm() {  # $1: a client of CLIENTS; sets <client>_rps, _p50_ms, _p99_ms, _peak_heap_mib, _all_passed, _rps_min, _rps_max
  local var="${1//-/_}" result f
  say "(c) chaos bench isolation --client $1: $TENANTS x $ENDPOINTS matrix, $CONCURRENCY in flight"
  "$root/chaos" bench isolation --client "$1" --tokens "$tokens" --tenants "$TENANTS" --endpoints "$ENDPOINTS" \
    --concurrency "$CONCURRENCY" --warmup-tenants "$TENANTS" --warmup-rounds "$JVM_WARMUP_ROUNDS" --runs "$JVM_RUNS" \
    | tee "$work/$1.txt" >&2 || true   # a failed check is reported after the table
  result="$(grep '^bench-isolation-result ' "$work/$1.txt" || true)"
  [ -n "$result" ] || { echo "bench: chaos bench isolation --client $1 printed no result" >&2; exit 1; }
  for f in rps p50_ms p99_ms peak_heap_mib all_passed rps_min rps_max; do
    printf -v "${var}_${f}" '%s' "$(sed -n "s/.* $f=\([^ ]*\).*/\1/p" <<<"$result")"
  done
}
for client in $CLIENTS; do measure_jvm "$client"; done
ours_p50="$ours_p50_ms"
ours_p99="$ours_p99_ms"
ours_heap="$ours_peak_heap_mib"
ours_passed="$ours_all_passed"
ours_min="$ours_rps_min"
ours_max="$ours_rps_max"

wrk_after="$(run_wrk "c'" "$work/wrk-after.txt")"
wrk_rps="$(awk -v a="$wrk_before" -v b="$wrk_after" 'BEGIN { printf "%.1f", (a > b ? a : b) }')"

kill "$serve_pid" 2>/dev/null || true
wait "$serve_pid" 2>/dev/null || true
serve_pid=""

# --- (d) failover probe memory: a simulated hour at 100 req/s inside a 64 MiB heap -----------------------------------
say "(d) chaos bench failover-memory in -Xmx64m (simulated 60 min at 100 req/s)"
timeout 300 java -Xmx64m -jar "$jar" bench failover-memory --minutes 60 --rate 100 | tee "$work/failover.txt" >&2
failover_line="$(grep '^highest heap after GC' "$work/failover.txt")"

# --- the table ---------------------------------------------------------------------------------------------------------
load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
awk -v wrk="$wrk_rps" -v wrk1="$wrk_before" -v wrk2="$wrk_after" -v pw="$pw_rps" -v ours="$ours_rps" \
    -v omin="$ours_min" -v omax="$ours_max" -v runs="$JVM_RUNS" -v p50="$ours_p50" -v p99="$ours_p99" \
    -v heap="$ours_heap" -v passed="$ours_passed" -v t="$TENANTS" -v e="$ENDPOINTS" -v c="$CONCURRENCY" \
    -v clients="$CLIENTS" -v cores="$(nproc)" -v load="$load" 'BEGIN {
  vs_wrk = ours / wrk; vs_pw = ours / pw
  printf "\nIsolation matrix %d tenants x %d endpoints = %d calls, %d in flight; %d cores, load %s\n", t, e, t*t*e, c, cores, load
  printf "  %-46s %10s\n", "client", "req/s"
  printf "  %-46s %10.0f   higher of %.0f before and %.0f after the JVM clients (%s)\n", "wrk (one own GET endpoint)", wrk, wrk1, wrk2, clients
  printf "  %-46s %10.0f\n", "Playwright request (same matrix)", pw
  printf "  %-46s %10.0f   median of %d runs (%.0f to %.0f); p50 %.2f ms, p99 %.2f ms, peak heap %.0f MiB, all PASSED: %s\n", "chaos bench isolation (ours)", ours, runs, omin, omax, p50, p99, heap, passed
  printf "  ours / wrk        = %5.2f   target >= 0.50: %s\n", vs_wrk, (vs_wrk >= 0.5 ? "met" : "NOT met")
  printf "  ours / Playwright = %5.2f   target >= 10:   %s\n", vs_pw, (vs_pw >= 10 ? "met" : "NOT met")
}'
all_passed="$ours_passed"
for client in $CLIENTS; do
  [ "$client" = ours ] && continue
  var="${client//-/_}"
  get() { local n="${var}_$1"; printf '%s' "${!n}"; }
  awk -v name="chaos bench isolation --client $client" -v client="$client" -v rps="$(get rps)" -v wrk="$wrk_rps" \
      -v ours="$ours_rps" -v runs="$JVM_RUNS" -v min="$(get rps_min)" -v max="$(get rps_max)" -v p50="$(get p50_ms)" \
      -v p99="$(get p99_ms)" -v heap="$(get peak_heap_mib)" -v passed="$(get all_passed)" 'BEGIN {
    printf "  %-46s %10.0f   median of %d runs (%.0f to %.0f); p50 %.2f ms, p99 %.2f ms, peak heap %.0f MiB, all PASSED: %s\n", name, rps, runs, min, max, p50, p99, heap, passed
    printf "    %s / wrk  = %5.2f   >= 0.50 would replace probe.http with OkHttp: %s;   %s / ours = %5.2f\n", client, rps / wrk, (rps / wrk >= 0.5 ? "yes" : "no, keep ours"), client, rps / ours
  }'
  [ "$(get all_passed)" = "true" ] || all_passed="false ($client)"
done
echo "  failover probe, simulated 1 h at 100 req/s in -Xmx64m: $failover_line"
[ "$all_passed" = "true" ] || { echo "bench: not every isolation check PASSED: $all_passed" >&2; exit 1; }
