#!/usr/bin/env bash
# A/B of two builds of the benchmarks jar in one run: each benchmark runs once per jar, the two
# interleaved fork by fork, so that the machine's drift hits both alike. Prints time and bytes per
# operation for A and B and their ratio B/A, one row per benchmark and parameter set.
#
#   cp benchmarks/target/benchmarks.jar /tmp/before.jar     # on the commit before the change
#   ... change, then: mvn -q -B verify -pl benchmarks -am -DskipTests
#   benchmarks/ab.sh /tmp/before.jar benchmarks/target/benchmarks.jar 'Diamond.*taskwire$|RandomDag'
#
# Environment: JMH_ARGS (default: -wi 3 -w 1s -i 4 -r 1s), FORKS (default: 2).
set -euo pipefail
A=$1
B=$2
PATTERN=${3:-'taskwire'}
JMH_ARGS=${JMH_ARGS:--wi 3 -w 1s -i 4 -r 1s}
FORKS=${FORKS:-2}
OUT=$(mktemp -d)
mapfile -t BENCHES < <(java -jar "$B" -l | tail -n +2 | grep -E "$PATTERN")
for bench in "${BENCHES[@]}"; do
  for fork in $(seq 1 "$FORKS"); do
    for side in A B; do
      jar=$A; [ "$side" = B ] && jar=$B
      # shellcheck disable=SC2086
      java -jar "$jar" "^${bench}\$" -f 1 $JMH_ARGS -prof gc -rf json \
        -rff "$OUT/${bench##*.benchmarks.}.$side.$fork.json" >/dev/null
    done
  done
done
python3 - "$OUT" <<'PY'
import json, glob, os, sys, collections
rows = collections.defaultdict(lambda: {"A": [], "B": [], "Abytes": [], "Bbytes": [], "unit": ""})
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    name, side, _fork, _ = os.path.basename(path).rsplit(".", 3)
    for result in json.load(open(path)):
        # one row per benchmark and parameter set, as in "run:telemetry=none"
        params = ",".join(f"{k}={v}" for k, v in sorted(result.get("params", {}).items()))
        row = rows[name + (":" + params if params else "")]
        row[side].extend(x for it in result["primaryMetric"]["rawData"] for x in it)
        row["unit"] = result["primaryMetric"]["scoreUnit"]
        norm = result["secondaryMetrics"].get("gc.alloc.rate.norm")
        if norm:
            row[side + "bytes"].append(norm["score"])
mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
print(f"{'benchmark':70} {'unit':>6} {'A':>9} {'B':>9} {'B/A':>6} {'A B/op':>9} {'B B/op':>9}")
for name, r in rows.items():
    a, b = mean(r["A"]), mean(r["B"])
    print(f"{name:70} {r['unit']:>6} {a:9.3f} {b:9.3f} {b / a:6.2f} {mean(r['Abytes']):9.0f} {mean(r['Bbytes']):9.0f}")
PY
