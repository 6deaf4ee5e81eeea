# Source this file: selects a JDK >= 21 (JAVA_HOME if it is one, else the newest installed under
# /usr/lib/jvm) and, unless VECTORORM_JDBC_URL is already set, points the tests at the local
# database that scripts/setup-db.sh prepares.
_vectororm_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(_vectororm_java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  _best=""; _best_major=0
  for _jdk in /usr/lib/jvm/*/ "${HOME:-/root}"/.sdkman/candidates/java/*/; do
    [ -x "${_jdk}bin/javac" ] || continue
    _m=$(_vectororm_java_major "${_jdk%/}")
    if [ -n "$_m" ] && [ "$_m" -gt "$_best_major" ]; then _best="${_jdk%/}"; _best_major=$_m; fi
  done
  if [ "$_best_major" -ge 21 ]; then
    export JAVA_HOME="$_best"
  else
    echo "vector-orm needs JDK 21+; none found under /usr/lib/jvm. Install one (e.g. apt-get install openjdk-21-jdk) and set JAVA_HOME." >&2
  fi
  unset _best _best_major _jdk _m
fi
export PATH="$JAVA_HOME/bin:$PATH"
export VECTORORM_JDBC_URL="${VECTORORM_JDBC_URL:-jdbc:postgresql://localhost:${PGPORT:-5432}/${VECTORORM_DB_NAME:-vectororm}?user=postgres}"
