#!/usr/bin/env bash
# Consumer check: deploys the published modules and the BOM to a local file repository (target/consumer-check/repo),
# checks what was deployed (those six artifacts only; standalone POMs), then builds scripts/consumer, a user's
# project that names vector-orm by coordinates only (vector-orm-bom + vector-orm-spring-boot-starter) and runs a
# k-NN query on the real database (VECTORORM_JDBC_URL) in its test.
# The consumer resolves io.github.vectororm from the file repository only: it builds with a local repository of
# its own (target/consumer-check/m2) whose read-only tail is the shared ~/.m2 for third-party artifacts, and the
# shared ~/.m2 must not hold io.github.vectororm (checked), so nothing of ours is installed there either.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

start=$SECONDS
work="$PWD/target/consumer-check"
repo="$work/repo"
shared_m2="${VECTORORM_SHARED_M2:-$HOME/.m2/repository}"
rm -rf "$work"
mkdir -p "$work"
fail() { echo "consumer-check: $*" >&2; exit 1; }

if [ -d "$shared_m2/io/github/vectororm" ]; then
  fail "$shared_m2/io/github/vectororm exists: the consumer could resolve vector-orm from there instead of the deployed artifacts; remove it (it should never be installed there)"
fi

version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
echo "consumer-check: deploying vector-orm $version to $repo"
# deploy runs the install phase first: maven.install.skip, and a local repository of its own (the shared ~/.m2 as its
# read-only tail) so that not even a stray install reaches ~/.m2, where other builds on the machine would find it
./mvnw -B -ntp -q deploy -DskipTests -Dmaven.install.skip=true \
  -Dmaven.repo.local="$work/build-m2" -Dmaven.repo.local.tail="$shared_m2" \
  -pl vector-core,hibernate-vector,jooq-vector,spring-data-vector,spring-ai-vector-store,langchain4j-embedding-store,bom -am \
  -DaltDeploymentRepository="local::file://$repo" > "$work/deploy.log" 2>&1 \
  || { cat "$work/deploy.log" >&2; fail "deploy failed"; }

# what was deployed: the six libraries and the BOM, nothing else (not the parent, vector-test, examples, benchmarks)
deployed=$(cd "$repo/io/github/vectororm" && ls | sort | tr '\n' ' ')
expected="vector-orm-bom vector-orm-core vector-orm-hibernate vector-orm-jooq vector-orm-langchain4j vector-orm-spring-ai vector-orm-spring-boot-starter "
[ "$deployed" = "$expected" ] || fail "deployed [$deployed], expected [$expected]"
# (the deploy leaves snapshot metadata in its own local repository, never an artifact)
[ -z "$(find "$work/build-m2/io/github/vectororm" \( -name '*.jar' -o -name '*.pom' \) 2>/dev/null)" ] \
  || fail "the deploy installed vector-orm into a local repository"
[ ! -d "$shared_m2/io/github/vectororm" ] || fail "the deploy installed vector-orm into $shared_m2"
for a in vector-orm-core vector-orm-hibernate vector-orm-jooq vector-orm-spring-boot-starter vector-orm-spring-ai vector-orm-langchain4j; do
  for c in "" -sources -javadoc; do
    ls "$repo/io/github/vectororm/$a/$version/"$a-*"$c".jar > /dev/null 2>&1 || fail "$a has no ${c:-main} jar in $repo"
  done
done
# each deployed POM stands alone: no parent, no unresolved property, no test-scoped dependency, no Testcontainers
for pom in $(find "$repo" -name '*.pom'); do
  name=${pom#"$repo/"}
  ! grep -q '<parent>' "$pom" || fail "$name refers to a parent POM"
  ! grep -q '\${' "$pom" || fail "$name has an unresolved property: $(grep -m1 '\${' "$pom")"
  ! grep -q '<scope>test</scope>' "$pom" || fail "$name lists a test-scoped dependency"
  ! grep -qi 'testcontainers' "$pom" || fail "$name mentions Testcontainers"
  grep -q '<license>' "$pom" && grep -q '<scm' "$pom" && grep -q '<developers>' "$pom" || fail "$name lacks licenses, scm or developers"
  if grep -q '<dependencies>' "$pom"; then
    awk '/<dependency>/{d=1; v=0} d && /<version>/{v=1} /<\/dependency>/{if (!v) bad=1; d=0} END{exit bad}' "$pom" \
      || fail "$name has a dependency without a version"
  fi
done
bom=$(find "$repo/io/github/vectororm/vector-orm-bom" -name '*.pom' | head -1)
managed=$(grep -c '<artifactId>' "$bom")
[ "$(grep -c '<groupId>io.github.vectororm</groupId>' "$bom")" -eq "$managed" ] \
  || fail "the BOM manages artifacts that are not vector-orm's: $(grep '<artifactId>' "$bom" | tr -d ' ')"
echo "consumer-check: deployed $(find "$repo" -name '*.jar' | wc -l) jars and $(find "$repo" -name '*.pom' | wc -l) POMs; the BOM manages $((managed - 1)) artifacts, all io.github.vectororm"

echo "consumer-check: building scripts/consumer against $repo"
./mvnw -B -ntp -f scripts/consumer/pom.xml clean test \
  -Dmaven.repo.local="$work/m2" -Dmaven.repo.local.tail="$shared_m2" \
  -Dvectororm.version="$version" -Dvectororm.repository.url="file://$repo" > "$work/consumer.log" 2>&1 \
  || { cat "$work/consumer.log" >&2; fail "the consumer build failed"; }
grep '^consumer: ' "$work/consumer.log" || fail "the consumer printed no result"
grep -E 'Tests run: .*Failures: 0, Errors: 0, Skipped: 0' "$work/consumer.log" | tail -1

# where the consumer's vector-orm artifacts came from: the file repository, and only there
for f in $(find "$work/m2/io/github/vectororm" -name '_remote.repositories'); do
  ! grep -v '^#' "$f" | grep -v '>vectororm-staging=$' | grep -q . || fail "$f names another repository: $(cat "$f")"
done
[ -n "$(find "$work/m2/io/github/vectororm" -name '*.jar' 2>/dev/null)" ] || fail "the consumer resolved no vector-orm jar from $repo"
[ ! -d "$shared_m2/io/github/vectororm" ] || fail "io.github.vectororm appeared in $shared_m2"
echo "consumer-check: passed ($((SECONDS - start)) s)"
