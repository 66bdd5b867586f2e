#!/usr/bin/env bash
# Runs the product: Keycloak (the distribution from Maven Central) with this extension and the demo realm,
# on Keycloak's embedded H2 database kept under .run/ (delete .run/ to start over).
#   KC_VERSION=26.6.4 ./run.sh    another Keycloak (any patch of 26.4, 26.5, 26.6 or 26.7)
#   KC_PORT=8081 ./run.sh         another HTTP port
set -euo pipefail
cd "$(dirname "$0")"

KC_VERSION="${KC_VERSION:-26.7.5}"
KC_PORT="${KC_PORT:-8080}"
HOME_DIR=".run/keycloak-${KC_VERSION}"

echo "==> Building the provider jar"
mvn -B -q -DskipTests package

if [ ! -x "${HOME_DIR}/bin/kc.sh" ]; then
  echo "==> Fetching Keycloak ${KC_VERSION} from Maven Central"
  mvn -B -q dependency:unpack -Dartifact="org.keycloak:keycloak-quarkus-dist:${KC_VERSION}:zip" -DoutputDirectory=.run -Dmdep.overWriteReleases=true
fi

rm -f "${HOME_DIR}"/providers/keycloak-personal-access-tokens-*.jar
# the jar this build made (target/ may hold older ones)
cp "$(ls -t target/keycloak-personal-access-tokens-*.jar | head -1)" "${HOME_DIR}/providers/"
mkdir -p "${HOME_DIR}/data/import"
cp realm-export/demo-realm.json "${HOME_DIR}/data/import/"

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"

echo "==> Starting Keycloak ${KC_VERSION} on port ${KC_PORT} (log: .run/keycloak.log)"
"${HOME_DIR}/bin/kc.sh" start-dev --http-port="${KC_PORT}" --import-realm > .run/keycloak.log 2>&1 &
KC_PID=$!
trap 'kill ${KC_PID} 2>/dev/null; wait ${KC_PID} 2>/dev/null' INT TERM EXIT

for _ in $(seq 1 180); do
  if curl -fs -o /dev/null "http://localhost:${KC_PORT}/realms/demo/.well-known/openid-configuration"; then
    # the master realm's admin console gets the Personal access tokens page (admin theme of this jar)
    KCADM_CONFIG="$(mktemp)"
    "${HOME_DIR}/bin/kcadm.sh" config credentials --config "${KCADM_CONFIG}" --server "http://localhost:${KC_PORT}" \
      --realm master --user "${KC_BOOTSTRAP_ADMIN_USERNAME}" --password "${KC_BOOTSTRAP_ADMIN_PASSWORD}" > /dev/null \
      && "${HOME_DIR}/bin/kcadm.sh" update realms/master --config "${KCADM_CONFIG}" -s adminTheme=personal-access-tokens \
      || echo "Could not set the master realm's admin theme; set it in Realm settings -> Themes" >&2
    rm -f "${KCADM_CONFIG}"
    cat <<BANNER

  Keycloak ${KC_VERSION} with personal access tokens is running.

  Account console:  http://localhost:${KC_PORT}/realms/demo/account
  Demo users:       alice / alice     bob / bob
  Admin console:    http://localhost:${KC_PORT}/admin   (${KC_BOOTSTRAP_ADMIN_USERNAME} / ${KC_BOOTSTRAP_ADMIN_PASSWORD})
                    tokens of the demo realm: http://localhost:${KC_PORT}/admin/master/console/#/demo/personal-access-tokens
  Self-service API: http://localhost:${KC_PORT}/realms/demo/personal-access-tokens
  Introspection:    http://localhost:${KC_PORT}/realms/demo/protocol/openid-connect/token/introspect
                    (resource server demo-api / demo-api-secret)

  For the README's examples, in a second terminal:  export KC_URL=http://localhost:${KC_PORT}
  Press Ctrl+C to stop. The database is kept in ${HOME_DIR}/data.
BANNER
    wait ${KC_PID}
    exit $?
  fi
  if ! kill -0 ${KC_PID} 2>/dev/null; then
    echo "Keycloak exited; last lines of .run/keycloak.log:" >&2
    tail -40 .run/keycloak.log >&2
    exit 1
  fi
  sleep 1
done
echo "Keycloak did not answer within 180 s; see .run/keycloak.log" >&2
exit 1
