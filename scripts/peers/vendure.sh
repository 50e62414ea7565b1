#!/usr/bin/env bash
# A real Vendure 3 (headless shop, GraphQL) on 127.0.0.1 for esl's end-to-end tests.
# It is a test peer, not a dependency: it lives in its own folder, never in eslayer's node_modules.
#
#   scripts/peers/vendure.sh install   npm ci from the committed lock (skipped when up to date)
#   scripts/peers/vendure.sh start     install, start, wait for /health, seed the shop
#   scripts/peers/vendure.sh status    running or not, and where
#   scripts/peers/vendure.sh stop      stop it and wait until the port is free
#
# env: VENDURE_DIR   install folder (default <repo>/.peers/vendure, ignored by git)
#      VENDURE_PORT  port on 127.0.0.1 (default 3000)
#      VENDURE_SUPERADMIN_USERNAME / VENDURE_SUPERADMIN_PASSWORD (default superadmin / superadmin)
#
# The database is sql.js in memory: every start is a clean shop. After `start`, point tests at
#   VENDURE_URL=http://127.0.0.1:$VENDURE_PORT
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SOURCE="$HERE/vendure"
DIR=${VENDURE_DIR:-$REPO/.peers/vendure}
PORT=${VENDURE_PORT:-3000}
URL="http://127.0.0.1:$PORT"
PID_FILE="$DIR/vendure.pid"
LOG_FILE="$DIR/vendure.log"
# Bootstrap takes ~6 s on two cores; a cold, busy machine gets ten times that.
START_TIMEOUT_S=${VENDURE_START_TIMEOUT_S:-90}

export VENDURE_SUPERADMIN_USERNAME=${VENDURE_SUPERADMIN_USERNAME:-superadmin}
export VENDURE_SUPERADMIN_PASSWORD=${VENDURE_SUPERADMIN_PASSWORD:-superadmin}

log() { echo "vendure: $*" >&2; }

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

install() {
  mkdir -p "$DIR"
  cp "$SOURCE/package.json" "$SOURCE/package-lock.json" "$SOURCE/server.cjs" "$SOURCE/seed.mjs" "$DIR/"
  # npm ci only when node_modules is missing or the committed lock changed since the last install.
  local stamp="$DIR/node_modules/.esl-lock.sha256"
  local want
  want=$(sha256sum "$DIR/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$DIR/node_modules/@vendure/core" ]; then
    log "installed (lock unchanged) in $DIR"
    return
  fi
  log "npm ci into $DIR (first run ~40 s)"
  (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

start() {
  install
  if pid=$(running_pid); then
    log "already running (pid $pid) at $URL"
  else
    if port_in_use; then
      log "port $PORT is taken by another process; set VENDURE_PORT"
      exit 1
    fi
    rm -f "$PID_FILE"
    # Its own session, so it outlives the shell that started it; all its output goes to the log
    # (a caller piping this script's output is not held open). The child writes its own pid:
    # setsid forks when it leads a process group, and then $! would be the wrong process.
    (
      cd "$DIR"
      VENDURE_DISABLE_TELEMETRY=true VENDURE_PORT=$PORT PID_FILE=$PID_FILE \
        exec setsid bash -c 'echo $$ >"$PID_FILE"; exec node server.cjs'
    ) >"$LOG_FILE" 2>&1 </dev/null &
    for _ in $(seq 1 50); do
      [ -s "$PID_FILE" ] && break
      sleep 0.1
    done
    local deadline=$((SECONDS + START_TIMEOUT_S))
    until curl -sf "$URL/health" >/dev/null 2>&1; do
      if ! running_pid >/dev/null; then
        log "exited during start; last lines of $LOG_FILE:"
        tail -n 30 "$LOG_FILE" >&2
        exit 1
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then
        log "not healthy after ${START_TIMEOUT_S} s; see $LOG_FILE"
        exit 1
      fi
      sleep 0.2
    done
    log "up (pid $(cat "$PID_FILE")) at $URL"
  fi
  VENDURE_URL=$URL node "$DIR/seed.mjs"
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    log "not running"
    rm -f "$PID_FILE"
    return
  fi
  kill "$pid"
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  for _ in $(seq 1 100); do
    port_in_use || break
    sleep 0.1
  done
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

status() {
  if pid=$(running_pid); then
    echo "vendure running (pid $pid) at $URL"
  else
    echo "vendure not running"
    return 3
  fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 install|start|stop|status" >&2
    exit 2
    ;;
esac
