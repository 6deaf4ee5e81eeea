#!/usr/bin/env bash
# Reproducible-build check: builds the published artifacts twice (package, tests not compiled), each time in a fresh copy
# of the source tree at a different path, and compares them byte for byte (sha256): every jar (classes, sources,
# javadoc) of vector-orm-core, -hibernate, -jooq, -spring-boot-starter, -spring-ai, -langchain4j, and the flattened POMs that deploy would
# publish, the BOM's included. Fails naming the files that differ, and for a jar the entries that differ.
# The working tree's own target/ folders are left alone (CI reads the test reports there afterwards).
# maven-artifact-plugin's artifact:compare is not used: it compares against a reference build already deployed to a
# repository, and its plugin is not among the versions known to resolve here; two local builds are the check.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

published=(vector-core hibernate-vector jooq-vector spring-data-vector spring-ai-vector-store langchain4j-embedding-store bom)
work=$(mktemp -d "${TMPDIR:-/tmp}/vectororm-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$SECONDS

build() { # $1: name of the copy
  local tree="$work/$1/tree" out="$work/$1/out"
  mkdir -p "$tree" "$out"
  # the sources as the working tree has them (tracked and untracked, not ignored), without target/ or .git
  git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - | tar -xf - -C "$tree"
  (cd "$tree" && ./mvnw -B -ntp -o -q package -Dmaven.test.skip=true -pl "$(IFS=,; echo "${published[*]}")" -am) \
    > "$work/$1/build.log" 2>&1 || { cat "$work/$1/build.log" >&2; echo "check-reproducible: build $1 failed" >&2; exit 1; }
  local m f
  for m in "${published[@]}"; do
    for f in "$tree/$m"/target/*.jar; do
      [ -e "$f" ] && cp "$f" "$out/"
    done
    cp "$tree/$m/target/flattened-pom.xml" "$out/$m.pom"
  done
  (cd "$out" && sha256sum -- * | sort -k2) > "$work/$1/sha256"
}

build first
build second

count=$(wc -l < "$work/first/sha256")
if [ "$count" -ne 25 ]; then # 6 modules x 3 jars (classes, sources, javadoc) + 7 POMs
  echo "check-reproducible: expected 25 artifacts, built $count:" >&2
  cat "$work/first/sha256" >&2
  exit 1
fi
if ! diff -q "$work/first/sha256" "$work/second/sha256" > /dev/null; then
  echo "check-reproducible: the two builds differ:" >&2
  diff "$work/first/sha256" "$work/second/sha256" >&2 || true
  for f in $(join -j 2 <(sort -k2 "$work/first/sha256") <(sort -k2 "$work/second/sha256") | awk '$2 != $3 {print $1}'); do
    echo "  differs: $f" >&2
    case "$f" in
      *.jar) diff <(unzip -v "$work/first/out/$f" | awk 'NR > 3 {print $7, $8}') \
                  <(unzip -v "$work/second/out/$f" | awk 'NR > 3 {print $7, $8}') | sed 's/^/    /' >&2 || true ;;
      *) diff "$work/first/out/$f" "$work/second/out/$f" | head -20 | sed 's/^/    /' >&2 || true ;;
    esac
  done
  exit 1
fi
sed 's/^/  /' "$work/first/sha256"
echo "check-reproducible: $count artifacts byte-identical in two builds ($((SECONDS - start)) s)"
