#!/usr/bin/env bash
# Builds the examples module (and the modules it needs) and runs one example, or all of them:
#   bash scripts/examples.sh [animals|search|recommend|anomalies|rag|rag-spring-ai|rag-eval|quantized|recall|all] [number-of-documents]
# Needs JDK 21+ (scripts/env.sh picks one) and a PostgreSQL with pgvector: VECTORORM_JDBC_URL, or the
# local database that scripts/setup-db.sh prepares. Everything else, the embedding model included,
# comes from Maven Central at build time; nothing is downloaded while the examples run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

# package, not install: the other modules come from this build, nothing is written to ~/.m2 but downloads
./mvnw -B -ntp -q -pl examples -am package -DskipTests

exec java --enable-native-access=ALL-UNNAMED \
  -cp "examples/target/classes:$(cat examples/target/classpath.txt)" \
  io.github.vectororm.examples.Examples "$@"
