#!/usr/bin/env bash
# Start-up time and memory of the real app (1,000 signed pilots in its database) next to a
# blank Tauri 2 window built the same way (release, same features): `bash bench/startup.sh`.
#
# Start-up: from launch until the page's first command call has succeeded (both binaries write
# that moment to $AI_TOETS_READY_FILE; see src-tauri/src/ready.rs). Memory: the summed
# proportional set size (Pss in /proc/<pid>/smaps_rollup) of the process and all its
# descendants (the WebKit web and network processes), three seconds after ready.
# Runs each RUNS times (default 5), alternating, and prints the medians side by side.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

RUNS="${RUNS:-5}"
PILOTS="${PILOTS:-1000}"
apt_install $BUILD_PACKAGES xvfb xauth dbus
need_toolchains
ui_packages
build_ui
cd "$ROOT"

say "Building the app and the blank window (release)"
cargo build --release --locked -p ai-toets --features e2e
cargo build --release --locked -p ai-toets --features e2e --example blank
APP="$CARGO_TARGET_DIR/release/ai-toets"
BLANK="$CARGO_TARGET_DIR/release/examples/blank"

# Named after the schema version it was made with (migrations in assessments/src/storage/).
SAMPLE="$CARGO_TARGET_DIR/bench/startup-$PILOTS-v6.sqlite3"
if [ ! -f "$SAMPLE" ]; then
  say "Making a database with $PILOTS signed pilots (once)"
  mkdir -p "$(dirname "$SAMPLE")"
  rm -f "$SAMPLE.partial"
  cargo run --release --locked -p assessments --features sample --example sample-db -- "$PILOTS" "$SAMPLE.partial"
  mv "$SAMPLE.partial" "$SAMPLE"
fi

if [ -z "${DISPLAY:-}" ]; then
  Xvfb :98 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  trap 'kill $XVFB_PID 2>/dev/null || true' EXIT
  export DISPLAY=:98
  sleep 1
fi
export NO_AT_BRIDGE=1

descendants() {
  local pid
  for pid in $(pgrep -P "$1"); do
    echo "$pid"
    descendants "$pid"
  done
}

pss_kb() {
  local total=0 pid kb
  for pid in "$1" $(descendants "$1"); do
    kb=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

# run_once BINARY DATA_DIR: prints "<ms to ready> <PSS kB>".
run_once() {
  local bin="$1" data="$2" ready start pid i
  ready="$(mktemp -u)"
  start=$(date +%s%N)
  AI_TOETS_READY_FILE="$ready" AI_TOETS_DATA_DIR="$data" dbus-run-session -- "$bin" >/dev/null 2>&1 &
  pid=$!
  for i in $(seq 1 600); do
    [ -s "$ready" ] && break
    sleep 0.05
  done
  if [ ! -s "$ready" ]; then
    echo "$(basename "$bin") did not become ready within 30 s" >&2
    kill -- "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 3
  echo "$(( ($(cat "$ready") - start) / 1000000 )) $(pss_kb "$pid")"
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$ready"
  sleep 1
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

app_ms=() app_kb=() blank_ms=() blank_kb=()
for run in $(seq 1 "$RUNS"); do
  data="$(mktemp -d)"
  cp "$SAMPLE" "$data/ai-toets.sqlite3"
  read -r ms kb < <(run_once "$APP" "$data")
  app_ms+=("$ms"); app_kb+=("$kb")
  read -r ms kb < <(run_once "$BLANK" "$(mktemp -d)")
  blank_ms+=("$ms"); blank_kb+=("$kb")
  say "run $run: app ${app_ms[-1]} ms ${app_kb[-1]} kB · blank ${blank_ms[-1]} ms ${blank_kb[-1]} kB"
  rm -rf "$data"
done

am=$(printf '%s\n' "${app_ms[@]}" | median); ak=$(printf '%s\n' "${app_kb[@]}" | median)
bm=$(printf '%s\n' "${blank_ms[@]}" | median); bk=$(printf '%s\n' "${blank_kb[@]}" | median)
echo
echo "| Start-up and memory ($RUNS runs, median) | AI-toets ($PILOTS pilots) | Blank Tauri 2 window | Ratio | Goal |"
echo "|---|---:|---:|---:|---:|"
awk -v a="$am" -v b="$bm" 'BEGIN { printf "| Launch until first successful command | %d ms | %d ms | %.2f× | ≤ 1.2× |\n", a, b, a / b }'
awk -v a="$ak" -v b="$bk" 'BEGIN { printf "| Memory (PSS, app + WebKit processes) | %.0f MB | %.0f MB | %.2f× | ≤ 1.2× |\n", a / 1024, b / 1024, a / b }'
