#!/usr/bin/env bash
# Runs every test of OpenDUI on a fresh Debian machine: installs and starts what the tests need
# (PostgreSQL 15, Debian's Chromium), then `dotnet test` on the whole solution.
# Usage: bash tests/run.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# DejaVu Sans: the font of the PDF reports (PdfSharp finds no system fonts on Linux by itself).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
# pdftotext: the tests read back the text of the PDF reports.
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
# Saxon-HE (XSLT 2/3) and a Java runtime: the CDA conformance tests run the ANS schematrons (tests/OpenDui.Tests/Interop/Cda).
[ -f /usr/share/java/Saxon-HE.jar ] || need_apt+=(libsaxonhe-java)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
# npm: installs the OpenID Connect provider of the Pro Santé Connect tests (below).
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# MSSanté tests: real postfix and dovecot on loopback (started by the tests' fixture); "Local only", never a relay.
if ! command -v postfix >/dev/null 2>&1 || ! command -v dovecot >/dev/null 2>&1; then
  need_apt+=(postfix dovecot-imapd)
  printf '%s\n' "postfix postfix/main_mailer_type select Local only" "postfix postfix/mailname string localhost" | debconf-set-selections
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# PostgreSQL: the Debian cluster on 127.0.0.1:5432, a test role allowed to create throw-away databases.
pg_version=$(ls /etc/postgresql | sort -n | tail -n 1)
pg_ctlcluster "$pg_version" main status >/dev/null 2>&1 || pg_ctlcluster "$pg_version" main start
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='opendui_test'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE opendui_test LOGIN CREATEDB PASSWORD 'opendui_test'\""
export OPENDUI_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=opendui_test;Password=opendui_test"
export OPENDUI_TEST_CHROMIUM=/usr/bin/chromium

# Pro Santé Connect tests: oidc-provider 9 and the Node 22 it needs, local to tests/OidcPsc (package-lock.json).
if [ ! -x tests/OidcPsc/node_modules/.bin/node ] || [ ! -d tests/OidcPsc/node_modules/oidc-provider ]; then
  echo "== npm ci in tests/OidcPsc"
  (cd tests/OidcPsc && npm ci --no-audit --no-fund --loglevel=error)
fi

log=$(mktemp -t opendui-test.XXXXXX.log)
echo "== dotnet test (full log: $log)"
set +e
dotnet test OpenDui.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" | grep -vE '^\s*(Passed|Skipped) '
status=${PIPESTATUS[0]}
set -e
# One plain closing line summing every test project of the solution.
count() { { grep -E "^\s+$1: +[0-9]+\s*$" "$log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
