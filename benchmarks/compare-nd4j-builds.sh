#!/usr/bin/env bash
# Compares ND4J 1.0.0-M2.1's CPU builds (generic x86-64, AVX2, AVX-512) on paperlab's core kernels.
# The pom's cpu profile ships the build this script found fastest (see benchmarks/README.md).
#   benchmarks/compare-nd4j-builds.sh [extra JMH options]
# Needs benchmarks/target/benchmarks.jar (mvn -B -pl benchmarks -am package -DskipTests); fetches
# the AVX-512 classifier jar into ~/.m2 if missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
avx512="$HOME/.m2/repository/org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-linux-x86_64-avx512.jar"
[ -f "$jar" ] || { echo "missing $jar: build the benchmarks first" >&2; exit 2; }
[ -f "$avx512" ] || mvn -B -q dependency:get -Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-avx512 -Dtransitive=false
export OMP_WAIT_POLICY=PASSIVE
export GLIBC_TUNABLES=glibc.malloc.hugetlb=1
out="$root/benchmarks/target/nd4j-builds"
mkdir -p "$out"
benches='LogSumExpBench.paperlab|PairwiseDistanceBench|MlpTrainStepBench'
for ext in "" "-avx2" "-avx512"; do
  name="${ext#-}"; name="${name:-generic}"
  echo "== ND4J build: $name" >&2
  java -cp "$jar:$avx512" org.openjdk.jmh.Main "$benches" \
    -p type=FLOAT -p impl=own -p batch=2048 -p width=100 -p d=2 \
    -jvmArgsAppend "-Dorg.bytedeco.javacpp.platform.extension=$ext" \
    -wi 2 -i 3 -rf json -rff "$out/$name.json" "$@" > "$out/$name.log"
done
/usr/bin/env python3 - "$out" <<'PY'
import json, sys, os
d = sys.argv[1]
res = {}
for name in ("generic", "avx2", "avx512"):
    for r in json.load(open(os.path.join(d, name + ".json"))):
        key = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1] + " " + \
              " ".join("%s=%s" % kv for kv in sorted(r.get("params", {}).items()))
        res.setdefault(key, {})[name] = r["primaryMetric"]["score"]
print("%-70s %10s %10s %10s  (us/op)" % ("benchmark", "generic", "avx2", "avx512"))
for k, v in sorted(res.items()):
    print("%-70s %10.1f %10.1f %10.1f" % (k, v.get("generic", float("nan")), v.get("avx2", float("nan")), v.get("avx512", float("nan"))))
PY
