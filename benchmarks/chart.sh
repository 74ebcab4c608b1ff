#!/usr/bin/env bash
# Turns a JMH JSON result file into a PNG bar chart: benchmarks/chart.sh jmh.json jmh.png
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec java -Djava.awt.headless=true -cp "$here/target/benchmarks.jar" org.paperlab.bench.JmhChart "$@"
