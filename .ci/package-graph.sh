#!/usr/bin/env bash
# Prints the engine's package dependency graph (jdeps over the built jar) and fails if it has a cycle (tsort).
# Usage: .ci/package-graph.sh [path/to/chaos-engine.jar]   (after mvn package; PackageArchitectureTest holds the same)
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${1:-$(ls chaos-engine/target/chaos-engine-*.jar | grep -v -- '-tests.jar' | head -1)}"
prefix="io.jenkins.plugins.chaos."
edges="$(jdeps -verbose:package -filter:none "$jar" 2>/dev/null \
  | awk -v p="$prefix" '$1 ~ "^"p && $3 ~ "^"p && $1 != $3 { sub(p, "", $1); sub(p, "", $3); print $1, $3 }' | sort -u)"
echo "$edges" | awk '{ printf "  %-16s -> %s\n", $1, $2 }'
if ! echo "$edges" | tsort >/dev/null 2>/tmp/package-graph.err; then
  echo "package-graph: CYCLE among the engine's packages:" >&2
  cat /tmp/package-graph.err >&2
  exit 1
fi
echo "package-graph: $(echo "$edges" | wc -l) edges between $(echo "$edges" | tr ' ' '\n' | sort -u | wc -l) packages, no cycle"
