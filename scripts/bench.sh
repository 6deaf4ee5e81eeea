#!/usr/bin/env bash
# Builds the benchmarks module and runs the JMH suite against the database in VECTORORM_JDBC_URL (the local
# one that scripts/setup-db.sh prepares, unless set); writes BENCHMARKS.md at the repository root.
# Usage: bash scripts/bench.sh [--smoke] [--output FILE] [--include REGEX]
#   (no arguments: the full run, about 26 minutes on 2 cores; --smoke: tiny sizes, under a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests
exec java -jar benchmarks/target/benchmarks.jar "$@"
