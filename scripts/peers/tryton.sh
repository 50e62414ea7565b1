#!/usr/bin/env bash
# A real Tryton 6.0 ERP (Debian 12 packages, SQLite) on 127.0.0.1 for the tryton connector's e2e tests.
#
#   scripts/peers/tryton.sh install|init|start|stop|status|env
#
#   install  apt-get the server and modules; skipped when dpkg says they are installed.
#   init     build the template database once (trytond-admin, then seed.mjs: EUR, countries, a
#            company that the admin user works in, storage locations); skipped when it exists.
#   start    install + init if needed, copy the template to a fresh database, start trytond and
#            wait until a JSON-RPC login works; prints the URL. A running instance is restarted.
#   stop     kill trytond by its pid and wait until the port is free.
#   status   say whether it runs, and where.
#   env      print the TRYTON_* variables the e2e test reads (eval "$(scripts/peers/tryton.sh env)").
#
# Environment: TRYTON_DIR (<repo>/.peers/tryton), TRYTON_PORT (8000), TRYTON_DB (esl),
#              TRYTON_USER (admin), TRYTON_PASSWORD (admin).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
DIR=${TRYTON_DIR:-$REPO/.peers/tryton}
PORT=${TRYTON_PORT:-8000}
DB=${TRYTON_DB:-esl}
USER_LOGIN=${TRYTON_USER:-admin}
PASSWORD=${TRYTON_PASSWORD:-admin}
URL="http://127.0.0.1:$PORT"
TEMPLATE="$DIR/template-$DB.sqlite"
PIDFILE="$DIR/trytond.pid"
LOG="$DIR/trytond.log"

# Debian 12 packages; they pull account, company, currency, country, party, product as dependencies.
PACKAGES="tryton-server tryton-modules-party tryton-modules-company tryton-modules-currency
  tryton-modules-country tryton-modules-product tryton-modules-stock tryton-modules-sale
  tryton-modules-sale-price-list"
MODULES="party company currency country product stock sale sale_price_list"

say() { echo "tryton: $*" >&2; }

write_conf() {
  mkdir -p "$DIR/db" "$DIR/www"
  # [password] length: the default minimum (8) would refuse the short test password.
  cat > "$DIR/trytond.conf" <<CONF
[database]
uri = sqlite://
path = $DIR/db
language = en

[web]
listen = 127.0.0.1:$PORT
root = $DIR/www

[session]
timeout = 36000

[password]
length = 4
CONF
}

pid_alive() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

# Ready means a JSON-RPC login answers with a session, not only that the port is open.
login_works() {
  curl -s -m 2 -H 'content-type: application/json' \
    -d "{\"id\":0,\"method\":\"common.db.login\",\"params\":[\"$USER_LOGIN\",{\"password\":\"$PASSWORD\"},\"en\"]}" \
    "$URL/$DB/" 2>/dev/null | grep -q '"result": *\['
}

install() {
  # shellcheck disable=SC2086
  if dpkg -s $PACKAGES >/dev/null 2>&1; then say "packages already installed"; return; fi
  if ! apt-cache policy tryton-server | grep -q 'Candidate: [0-9]'; then apt-get update -qq; fi
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
  say "installed $(dpkg-query -W -f='${Version}' tryton-server)"
}

run_server() {
  /usr/bin/trytond -c "$DIR/trytond.conf" >"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 300); do
    if login_works; then return 0; fi
    if ! pid_alive; then say "trytond exited, log follows"; cat "$LOG" >&2; return 1; fi
    sleep 0.1
  done
  say "no JSON-RPC login after 30 s, log follows"; cat "$LOG" >&2; return 1
}

init() {
  if [ -f "$TEMPLATE" ]; then say "template database exists ($TEMPLATE)"; return; fi
  install
  stop
  write_conf
  local db_file="$DIR/db/$DB.sqlite"
  rm -f "$db_file"
  touch "$db_file" # the SQLite backend only initialises a file that exists
  printf '%s\n' "$PASSWORD" >"$DIR/adminpass"
  # shellcheck disable=SC2086
  TRYTONPASSFILE="$DIR/adminpass" /usr/bin/trytond-admin -c "$DIR/trytond.conf" -d "$DB" --all \
    --email admin@example.com -u $MODULES --activate-dependencies >"$DIR/init.log" 2>&1 \
    || { cat "$DIR/init.log" >&2; exit 1; }
  run_server
  TRYTON_URL="$URL" TRYTON_DB="$DB" TRYTON_USER="$USER_LOGIN" TRYTON_PASSWORD="$PASSWORD" \
    node "$HERE/tryton/seed.mjs"
  stop
  cp "$db_file" "$TEMPLATE.partial" && mv "$TEMPLATE.partial" "$TEMPLATE"
  say "template database ready ($TEMPLATE)"
}

start() {
  init
  stop
  if port_busy; then say "port $PORT is used by another process; set TRYTON_PORT"; exit 1; fi
  write_conf
  cp "$TEMPLATE" "$DIR/db/$DB.sqlite"
  run_server
  say "running (pid $(cat "$PIDFILE")) database $DB"
  echo "$URL"
}

stop() {
  if pid_alive; then
    kill "$(cat "$PIDFILE")"
    # trytond can take more than a second to exit; the next start needs the port.
    for _ in $(seq 1 100); do pid_alive || break; sleep 0.1; done
    if pid_alive; then kill -9 "$(cat "$PIDFILE")"; fi
  fi
  rm -f "$PIDFILE"
  for _ in $(seq 1 100); do port_busy || return 0; sleep 0.1; done
}

status() {
  if pid_alive && login_works; then echo "running (pid $(cat "$PIDFILE")) $URL database $DB"
  else echo "stopped"; return 3; fi
}

case "${1:-}" in
  install) install ;;
  init) init ;;
  start) start ;;
  stop) stop; say "stopped" ;;
  status) status ;;
  env) printf 'export TRYTON_URL=%s TRYTON_DB=%s TRYTON_USER=%s TRYTON_PASSWORD=%s\n' \
    "$URL" "$DB" "$USER_LOGIN" "$PASSWORD" ;;
  *) echo "usage: $0 install|init|start|stop|status|env" >&2; exit 2 ;;
esac
