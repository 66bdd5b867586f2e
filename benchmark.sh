#!/usr/bin/env bash
# Introspection benchmark (not a test): PAT vs JWT vs malformed token, then PATs with 1,000 and 100,000 stored; then
# revoke by value, one request at a time, 1,000 live, 1,000 dead and 1,000 malformed values interleaved, with the median
# answer times side by side and their differences (-Dbench.revoke-only=true for that part alone; -Dbench.revoke.requests=N
# per kind; -Dbench.revoke.start-delays=0,300 once per start delay of the revocation after the answer, in ms, to compare).
# Starts its own Keycloak (the distribution from Maven Central) with this extension and the demo realm, on loopback,
# once on Keycloak's embedded H2 and once on the PostgreSQL server at 127.0.0.1 (connected to directly), and prints a
# table for each, with Keycloak's metrics on (--metrics-enabled=true: the extension's meters count every request) and
# off. Options: -Dbench.concurrency=16 -Dbench.requests=10000; BENCH_DBS="h2" for one database only; BENCH_METRICS="true"
# for metrics on only.
set -euo pipefail
cd "$(dirname "$0")"
KC_VERSION="${KC_VERSION:-26.7.3}"
mvn -B -q -DskipTests -Dkeycloak.server.version="${KC_VERSION}" verify > /tmp/kcpat-benchmark-build.log 2>&1 || { cat /tmp/kcpat-benchmark-build.log; exit 1; }
for db in ${BENCH_DBS:-h2 postgres}; do
for metrics in ${BENCH_METRICS:-true false}; do
  echo "==> Benchmark on ${db}, metrics enabled: ${metrics}"
  mvn -B -q exec:java -Dkc.test.metrics="${metrics}" \
    -Dexec.mainClass=io.github.kcpat.bench.IntrospectionBenchmark -Dexec.classpathScope=test \
    -Dkeycloak.server.dir="$PWD/target/keycloak-${KC_VERSION}" -Dkeycloak.server.version="${KC_VERSION}" \
    -Dprovider.jar="$(ls -t "$PWD"/target/keycloak-personal-access-tokens-*.jar | head -1)" \
    -Ddemo.realm="$PWD/realm-export/demo-realm.json" -Dkc.test.db="${db}" -Dkc.test.db.direct=true -Dkc.test.log-level=INFO "$@"
done
done
