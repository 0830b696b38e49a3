#!/usr/bin/env bash
# Runs the side-by-side load harness (a fake upstream, nginx as the zero-translation floor, the peer bridges) with
# this bridge as its "bridge" target, started the way users start it: the distribution's bin/ccbridge.
#
#   benchmarks/bench.sh PATH/TO/bench                     # every target and scenario the harness has
#   TARGETS="direct nginx bridge" SCENARIOS="A1 S64 B1000" benchmarks/bench.sh PATH/TO/bench
#
# The target "bridge2" is the Helidon floor (dev.ccbridge.benchmarks.HelidonFloor): the same Helidon server and
# client relaying the bytes without any JSON work, so that the table separates the bridge's cost from Helidon's.
#
# Any other variable of the harness's run.sh passes through (QUICK, PIN, OUT...). Before the run, the bridge is
# started once in demo mode and given a few hundred requests, so that its JDK 25 ahead-of-time cache is recorded
# and the measured bridge starts from it, as a user's second start would; the JIT still warms up during the
# harness's warm-up (BRIDGE_WARMUP_S, 30 s here unless set).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="${1:?usage: benchmarks/bench.sh PATH/TO/bench}"
bench="$(cd "$bench" && pwd)"

# The harness writes its results next to itself; run a copy when it is read-only.
if [ ! -w "$bench" ]; then
  copy="${TMPDIR:-/tmp}/ccbridge-bench"
  rm -rf "$copy" && cp -r "$bench" "$copy"
  bench="$copy"
fi

"$here/ccbridge" --version >/dev/null   # builds the distribution when the sources changed
launcher="$here/distribution/target/ccbridge/bin/ccbridge"
export CCBRIDGE_CACHE_DIR="${CCBRIDGE_CACHE_DIR:-${TMPDIR:-/tmp}/ccbridge-bench-cache}"

train_port=18299
"$launcher" --demo --port "$train_port" > "${TMPDIR:-/tmp}/ccbridge-bench-training.log" 2>&1 &
training=$!
for _ in $(seq 1 150); do
  curl -sf -o /dev/null "http://127.0.0.1:$train_port/health" && break
  sleep 0.2
done
for _ in $(seq 1 100); do
  for body in anthropic_nonstream anthropic_stream0 anthropic_tool_stream0; do
    curl -s -o /dev/null -X POST "http://127.0.0.1:$train_port/v1/messages" \
      -H 'content-type: application/json' -H 'anthropic-version: 2023-06-01' -d "@$bench/bodies/$body.json"
  done
done
kill -TERM "$training"
wait "$training" || true

export BRIDGE_PORT="${BRIDGE_PORT:-18250}"
export BRIDGE_WARMUP_S="${BRIDGE_WARMUP_S:-30}"
export BRIDGE_CMD="exec '$launcher' --port \$BRIDGE_PORT --upstream \$UPSTREAM_BASE"

floor_jar="$here/benchmarks/target/benchmarks.jar"
if [ ! -f "$floor_jar" ] || [ -n "$(find "$here" \( -path '*/src/main/*' -o -name pom.xml \) -newer "$floor_jar" \
                                       -print -quit)" ]; then
  (cd "$here" && ./mvnw -q install -pl benchmarks -am -DskipTests)
fi
# The floor runs on the JDK and with the JVM options the launcher picks for the bridge, taken from the launcher.
eval "$(sed -n '/^java_version()/,/^}/p; /^find_java()/,/^}/p' "$launcher")"
read -r _ floor_java <<< "$(find_java)"
floor_opts="${CCBRIDGE_JAVA_OPTS:-$(sed -n 's/^default_opts="\(.*\)"$/\1/p' "$launcher")}"
export BRIDGE2_PORT="${BRIDGE2_PORT:-18251}"
export BRIDGE2_CMD="exec '$floor_java' $floor_opts -cp '$floor_jar' dev.ccbridge.benchmarks.HelidonFloor \
  \$BRIDGE_PORT \$UPSTREAM_BASE"
exec "$bench/run.sh"
