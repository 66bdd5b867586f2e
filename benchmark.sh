#!/usr/bin/env bash
# Introspection benchmark (not a test). Starts its own Keycloak (the distribution from Maven Central) with this
# extension and the demo realm, on loopback, and drives it with wrk (apt-get install wrk) on the same machine: a PAT,
# a JWT access token of the same user and scopes and a malformed token (the floor), in interleaved rounds; then with
# 100,000 PATs stored and 2,000 distinct PATs in use; then with 50 more client scopes and 200 roles on the user. It
# runs once per database (BENCH_DBS, default "postgres h2": the PostgreSQL server at 127.0.0.1, connected to directly,
# and Keycloak's embedded H2) and per metrics setting (BENCH_METRICS, default "true false": --metrics-enabled on, as
# operators run it, and off), one server each, and ends with the ratios side by side.
# Options (-D…): bench.rounds=5, bench.seconds=10, bench.warmup-seconds=15, bench.concurrency=16 (connections),
# bench.threads=2 (wrk's), bench.first-table-only=true; bench.revoke=true adds the revoke-by-value timing,
# bench.revoke-only=true runs it alone. BENCH_PROFILE=DIR records the server with JDK Flight Recorder and prints the CPU
# time per request by step of the first and the last table's rows (bench.profile-seconds=30 each).
set -euo pipefail
cd "$(dirname "$0")"
KC_VERSION="${KC_VERSION:-26.7.5}"
command -v wrk > /dev/null || { echo "benchmark.sh needs wrk: apt-get install wrk" >&2; exit 1; }
mvn -B -q -DskipTests -Dkeycloak.server.version="${KC_VERSION}" verify > /tmp/kcpat-benchmark-build.log 2>&1 || { cat /tmp/kcpat-benchmark-build.log; exit 1; }
profile=()
if [[ -n "${BENCH_PROFILE:-}" ]]; then
  profile=(-Dbench.profile="${BENCH_PROFILE}" "-Dkc.test.java-opts=-XX:StartFlightRecording=name=kcpat-bench,settings=default")
fi
summary=$(mktemp)
for db in ${BENCH_DBS:-postgres h2}; do
for metrics in ${BENCH_METRICS:-true false}; do
  echo "==> Benchmark on ${db}, metrics enabled: ${metrics}"
  mvn -B -q exec:java -Dkc.test.metrics="${metrics}" \
    -Dexec.mainClass=io.github.kcpat.bench.IntrospectionBenchmark -Dexec.classpathScope=test \
    -Dkeycloak.server.dir="$PWD/target/keycloak-${KC_VERSION}" -Dkeycloak.server.version="${KC_VERSION}" \
    -Dprovider.jar="$(ls -t "$PWD"/target/keycloak-personal-access-tokens-*.jar | head -1)" \
    -Ddemo.realm="$PWD/realm-export/demo-realm.json" -Dkc.test.db="${db}" -Dkc.test.db.direct=true -Dkc.test.log-level=INFO \
    ${profile[@]+"${profile[@]}"} "$@" | sed 's/\x1b\[[0-9;]*m//g' | tee -a "${summary}" | grep -v '^RATIOS|'
done
done
echo
echo "Ratios by table (1: one PAT in use; 2: 2,000 in use among 100,000; 3: 50 client scopes, 200 roles), metrics on against off:"
echo
echo "| database | table | PAT / JWT, on | off | on / off | PAT / floor, on | off | on / off |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
grep '^RATIOS|' "${summary}" | awk -F'|' '
  { key = $2 "|" $4; if (!(key in db)) { keys[++n] = key; db[key] = $2 }
    if ($3 == "true") { jon[key] = $5; fon[key] = $6 } else { joff[key] = $5; foff[key] = $6 } }
  END { for (i = 1; i <= n; i++) { k = keys[i]; tab[db[k]]++
    printf "| %s | %d | %s | %s | %s | %s | %s | %s |\n", db[k], tab[db[k]], jon[k], joff[k],
      (jon[k] && joff[k]) ? sprintf("%.3f", jon[k] / joff[k]) : "-", fon[k], foff[k],
      (fon[k] && foff[k]) ? sprintf("%.3f", fon[k] / foff[k]) : "-" } }'
rm -f "${summary}"
