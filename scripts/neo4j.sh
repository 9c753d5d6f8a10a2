#!/usr/bin/env bash
# Run a small local Neo4j Community 5.26 from Maven Central jars (no Docker, no tarball).
#
#   scripts/neo4j.sh install   resolve the jars (mvn) and write the classpath file
#   scripts/neo4j.sh start     install if needed, start in the background, wait until Bolt answers
#   scripts/neo4j.sh stop      SIGTERM, wait, then SIGKILL
#   scripts/neo4j.sh status    exit 0 if running (prints pid and Bolt port), 3 if not
#   scripts/neo4j.sh restart | logs
#   scripts/neo4j.sh import DIR  REPLACE the database with the CSV files in DIR (written by
#                              `npm run seed -- --import`, with their importer arguments in DIR/import.args):
#                              stops the server if it runs, runs the offline importer, starts the server
#   restart and import start the server again with the heap, page cache, transaction memory and timeout and
#   HTTP port it last started with (<home>/neo4j.settings), except those the environment sets.
#
# Environment:
#   NEO4J_BOLT_PORT      Bolt port on 127.0.0.1 (default 7687)
#   NEO4J_HOME_DIR       state folder, relative to the repo root unless absolute (default .neo4j)
#   NEO4J_HEAP           max heap (default 512m)
#   NEO4J_PAGECACHE      page cache size (default 64m; give big graphs more, e.g. 512m)
#   NEO4J_TX_MEMORY      memory one transaction may hold (db.memory.transaction.max, e.g. 32m; default:
#                        no limit of its own, only the server's pool, 70% of the heap)
#   NEO4J_TX_TIMEOUT     the server's transaction timeout for clients that set none (db.transaction.timeout,
#                        default 120s)
#   NEO4J_HTTP_PORT      also serve HTTP (and the Query API, POST /db/neo4j/query/v2) on
#                        127.0.0.1:PORT (default: HTTP off)
#   NEO4J_START_TIMEOUT  seconds to wait for Bolt (default 120)
#   NEO4J_STOP_TIMEOUT   seconds to wait after SIGTERM before SIGKILL (default 30)
#   NEO4J_JAVA_OPTS      extra JVM flags, appended
#   NEO4J_OWNER          who starts it, recorded in <home>/neo4j.owner (default manual; Jest's
#                        global setup passes jest and only ever stops an instance owned by jest)
#   NEO4J_IMPORT_HEAP    heap of the offline importer (default 1g)
#   NEO4J_IMPORT_MEMORY  the importer's off-heap memory (default 2g; it takes 90% of the machine otherwise)
#   JAVA                 java binary (default: $JAVA_HOME/bin/java, else java on PATH)
#   NEO4J_AUTH_PASSWORD  turn authentication on: user neo4j with this password (at least 8 characters),
#                        set before the first start with the admin tool's `dbms set-initial-password`.
#                        A home dir keeps the mode it was first started with: use its own NEO4J_HOME_DIR.
#
# Exit codes: 0 ok, 1 failure, 2 usage or port taken by something else, 3 not running (status).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)

BOLT_PORT=${NEO4J_BOLT_PORT:-7687}
HOME_DIR=${NEO4J_HOME_DIR:-.neo4j}
case $HOME_DIR in /*) ;; *) HOME_DIR="$ROOT/$HOME_DIR" ;; esac
HEAP=${NEO4J_HEAP:-512m}
PAGECACHE=${NEO4J_PAGECACHE:-64m}
TX_MEMORY=${NEO4J_TX_MEMORY:-}
TX_TIMEOUT=${NEO4J_TX_TIMEOUT:-120s}
HTTP_PORT=${NEO4J_HTTP_PORT:-}
START_TIMEOUT=${NEO4J_START_TIMEOUT:-120}
STOP_TIMEOUT=${NEO4J_STOP_TIMEOUT:-30}

AUTH_PASSWORD=${NEO4J_AUTH_PASSWORD:-}
AUTH_ENABLED=false
[[ -n $AUTH_PASSWORD ]] && AUTH_ENABLED=true

POM="$SCRIPT_DIR/neo4j/pom.xml"
CP_FILE="$HOME_DIR/classpath.txt"
SERVER_HOME="$HOME_DIR/home"
CONF_DIR="$SERVER_HOME/conf"
PID_FILE="$HOME_DIR/neo4j.pid"
PORT_FILE="$HOME_DIR/neo4j.port"
LOG_FILE="$HOME_DIR/neo4j.log"
OWNER_FILE="$HOME_DIR/neo4j.owner"
SETTINGS_FILE="$HOME_DIR/neo4j.settings"
MAIN_CLASS=org.neo4j.server.CommunityEntryPoint

say() { printf '[neo4j] %s\n' "$*"; }
die() { printf '[neo4j] error: %s\n' "$1" >&2; exit "${2:-1}"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

if ! [[ $BOLT_PORT =~ ^[0-9]+$ ]] || ((BOLT_PORT < 1 || BOLT_PORT > 65535)); then
  die "NEO4J_BOLT_PORT must be a port number, got '$BOLT_PORT'" 2
fi
[[ $START_TIMEOUT =~ ^[0-9]+$ ]] || die "NEO4J_START_TIMEOUT must be whole seconds" 2
[[ $STOP_TIMEOUT =~ ^[0-9]+$ ]] || die "NEO4J_STOP_TIMEOUT must be whole seconds" 2
[[ $HEAP =~ ^[0-9]+[mMgG]$ ]] || die "NEO4J_HEAP must look like 512m or 1g, got '$HEAP'" 2
[[ $PAGECACHE =~ ^[0-9]+[mMgG]$ ]] || die "NEO4J_PAGECACHE must look like 64m or 1g, got '$PAGECACHE'" 2
[[ -z $TX_MEMORY || $TX_MEMORY =~ ^[0-9]+[mMgG]$ ]] || die "NEO4J_TX_MEMORY must look like 32m or 1g, got '$TX_MEMORY'" 2
[[ $TX_TIMEOUT =~ ^[0-9]+(ms|s|m)$ ]] || die "NEO4J_TX_TIMEOUT must look like 120s or 500ms, got '$TX_TIMEOUT'" 2
if [[ -n $HTTP_PORT ]] && { ! [[ $HTTP_PORT =~ ^[0-9]+$ ]] || ((HTTP_PORT < 1 || HTTP_PORT > 65535)); }; then
  die "NEO4J_HTTP_PORT must be a port number, got '$HTTP_PORT'" 2
fi

java_bin() {
  if [[ -n ${JAVA:-} ]]; then echo "$JAVA"
  elif [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then echo "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null; then command -v java
  else die "java not found: Neo4j 5.26 needs a JDK/JRE 17 or 21 (Debian: apt-get install openjdk-17-jre-headless)"
  fi
}

# ---------------------------------------------------------------- install

classpath_ok() {
  [[ -s $CP_FILE && $CP_FILE -nt $POM ]] || return 1
  local jars jar
  IFS=: read -r -a jars <"$CP_FILE"
  ((${#jars[@]} > 100)) || return 1
  for jar in "${jars[@]}"; do [[ -f $jar ]] || return 1; done
}

cmd_install() {
  if classpath_ok; then
    [[ ${1:-} == quiet ]] || say "jars already resolved ($CP_FILE)"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found: needed once to fetch the Neo4j jars (Debian: apt-get install maven)"
  mkdir -p "$HOME_DIR"
  local t0 args
  t0=$(now)
  args=(-q -B -Dstyle.color=never -f "$POM" "-Dneo4j.classpath.file=$CP_FILE" dependency:build-classpath)
  say "resolving Neo4j jars with Maven..."
  rm -f "$CP_FILE"
  # Offline first: works without network once ~/.m2 holds everything; online otherwise.
  local out="$HOME_DIR/mvn.log"
  if ! mvn -o "${args[@]}" >"$out" 2>&1; then
    if ! mvn "${args[@]}" >"$out" 2>&1; then
      tail -n 30 "$out" >&2
      die "Maven could not resolve the Neo4j jars (full output: $out)"
    fi
  fi
  rm -f "$out"
  classpath_ok || die "Maven ran but $CP_FILE is missing or incomplete"
  local n
  n=$(tr ':' '\n' <"$CP_FILE" | grep -c .)
  say "resolved $n jars in $(elapsed "$t0") s"
}

# ---------------------------------------------------------------- state

pid_alive() {
  # our pid file, a live process, and that process is a Neo4j started for this home dir
  local pid=$1
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ -r /proc/$pid/cmdline ]] || return 0 # no procfs: trust kill -0
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$MAIN_CLASS"
}

running_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(<"$PID_FILE")
  if pid_alive "$pid"; then echo "$pid"; return 0; fi
  rm -f "$PID_FILE" "$PORT_FILE" "$OWNER_FILE" # stale
  return 1
}

# One start/stop at a time per home dir (parallel test runs, CI retries): wait for the other.
lock_home() {
  mkdir -p "$HOME_DIR"
  command -v flock >/dev/null || return 0
  exec 9>"$HOME_DIR/.lock"
  flock -w "$((START_TIMEOUT + 300))" 9 || die "timed out waiting for another scripts/neo4j.sh on $HOME_DIR"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

log_tail() {
  [[ -f $LOG_FILE ]] || return 0
  printf '[neo4j] ---- last lines of %s ----\n' "$LOG_FILE" >&2
  tail -n "${1:-40}" "$LOG_FILE" >&2
  local debug="$SERVER_HOME/logs/debug.log"
  if [[ -f $debug ]] && grep -qE 'ERROR|Exception' "$debug"; then
    printf '[neo4j] ---- errors in %s ----\n' "$debug" >&2
    grep -E 'ERROR' "$debug" | tail -n 10 >&2 || true
  fi
}

# ---------------------------------------------------------------- start

write_conf() {
  mkdir -p "$CONF_DIR"
  # 5.x setting names only: strict validation rejects unknown keys at start.
  cat >"$CONF_DIR/neo4j.conf" <<EOF
# Generated by scripts/neo4j.sh on every start: edit the script, not this file.
server.default_listen_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$BOLT_PORT
server.bolt.advertised_address=127.0.0.1:$BOLT_PORT
server.bolt.tls_level=DISABLED
$(if [[ -n $HTTP_PORT ]]; then printf 'server.http.enabled=true\nserver.http.listen_address=127.0.0.1:%s' "$HTTP_PORT"; else echo server.http.enabled=false; fi)
server.https.enabled=false
dbms.routing.enabled=false
dbms.security.auth_enabled=$AUTH_ENABLED
dbms.usage_report.enabled=false
# small: the heap is set with JVM flags (server.memory.heap.* is read only by the neo4j launcher)
server.memory.pagecache.size=$PAGECACHE
db.memory.pagecache.warmup.enable=false
$(if [[ -n $TX_MEMORY ]]; then echo "db.memory.transaction.max=$TX_MEMORY"; fi)
db.tx_log.preallocate=false
db.tx_log.rotation.size=16m
db.tx_log.rotation.retention_policy=2 files
# a runaway test query fails instead of hanging the suite
db.transaction.timeout=$TX_TIMEOUT
db.lock.acquisition.timeout=30s
# a stop in ~1 s instead of ~12 s (Bolt otherwise waits 5 s + 5 s for idle connections and netty)
internal.server.bolt.connection_shutdown_wait_time=0s
internal.dbms.bolt.netty_server_shutdown_quiet_period=0
internal.dbms.bolt.netty_server_shutdown_timeout=2
EOF
}

# Authentication: the password of user neo4j is set once, before the system database exists, with the
# admin tool (org.neo4j.cli.AdminTool, in the same jars); it writes data/dbms/auth.ini, read at first start.
# <home>/auth.mode records the mode a home was first started in; switching needs a fresh home.
init_auth() { # java
  local mode_file="$HOME_DIR/auth.mode" system_db="$SERVER_HOME/data/databases/system"
  local mode=$AUTH_ENABLED
  # the mode, and for auth a digest of the password it was set with (never the password itself)
  [[ $mode == true ]] && mode="true $(printf '%s' "$AUTH_PASSWORD" | sha256sum | cut -c1-16)"
  if [[ -d $system_db ]]; then
    local was
    was=$(cat "$mode_file" 2>/dev/null || echo false)
    [[ $was == "$mode" ]] ||
      die "this home ($HOME_DIR) was first started with auth_enabled=${was%% *}$([[ $was == true* ]] && echo ' and another password'); use another NEO4J_HOME_DIR (or delete this one)" 2
    return 0
  fi
  if [[ $AUTH_ENABLED == true ]]; then
    ((${#AUTH_PASSWORD} >= 8)) || die "NEO4J_AUTH_PASSWORD must have at least 8 characters" 2
    NEO4J_HOME="$SERVER_HOME" NEO4J_CONF="$CONF_DIR" "$1" -Xmx256m -cp "$(<"$CP_FILE")" org.neo4j.cli.AdminTool \
      dbms set-initial-password "$AUTH_PASSWORD" >"$HOME_DIR/admin.log" 2>&1 ||
      { cat "$HOME_DIR/admin.log" >&2; die "could not set the initial password"; }
    say "authentication on: user neo4j, password from NEO4J_AUTH_PASSWORD"
  fi
  echo "$mode" >"$mode_file"
}

wait_ready() { # pid
  local pid=$1 uri="bolt://127.0.0.1:$BOLT_PORT"
  local deadline=$(($(date +%s) + START_TIMEOUT))
  if command -v node >/dev/null && (cd "$ROOT" && node -e "require.resolve('neo4j-driver')") >/dev/null 2>&1; then
    # Bolt really answers a query.
    (cd "$ROOT" && node - "$uri" "$deadline" "$pid" <<'JS'
const neo4j = require('neo4j-driver');
const [uri, deadlineS, pid] = process.argv.slice(2);
const auth = process.env.NEO4J_AUTH_PASSWORD ? neo4j.auth.basic('neo4j', process.env.NEO4J_AUTH_PASSWORD) : undefined;
const deadline = Number(deadlineS) * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
(async () => {
  let last = 'no attempt';
  while (Date.now() < deadline) {
    if (!alive()) { console.error('[neo4j] the Java process exited during start'); process.exit(2); }
    const driver = neo4j.driver(uri, auth, {
      connectionTimeout: 2000, connectionAcquisitionTimeout: 3000,
      maxTransactionRetryTime: 0, maxConnectionPoolSize: 1,
    });
    try {
      const { records } = await driver.executeQuery('RETURN 1 AS one');
      if (records[0].get('one').toNumber() === 1) { await driver.close(); process.exit(0); }
    } catch (e) { last = e.code || e.message; }
    await driver.close().catch(() => {});
    await sleep(250);
  }
  console.error(`[neo4j] Bolt did not answer in time (last error: ${last})`);
  process.exit(1);
})();
JS
    ) || return $?
  else
    say "(node_modules/neo4j-driver not found: waiting for 'Started.' and an open port instead)"
    while :; do
      pid_alive "$pid" || { echo "[neo4j] the Java process exited during start" >&2; return 2; }
      if grep -q 'Started\.' "$LOG_FILE" 2>/dev/null && port_open "$BOLT_PORT"; then break; fi
      (($(date +%s) < deadline)) || { echo "[neo4j] Bolt did not answer in time" >&2; return 1; }
      sleep 0.25
    done
  fi
}

cmd_start() {
  local pid
  lock_home
  if pid=$(running_pid); then
    local port
    port=$(cat "$PORT_FILE" 2>/dev/null || echo '?')
    if [[ $port != "$BOLT_PORT" ]]; then
      die "already running (pid $pid) on port $port, not $BOLT_PORT: stop it first or use NEO4J_BOLT_PORT=$port" 2
    fi
    wait_ready "$pid" || die "already running (pid $pid) but Bolt does not answer on port $port"
    say "already running (pid $pid, bolt://127.0.0.1:$port, started by $(cat "$OWNER_FILE" 2>/dev/null || echo '?'))"
    return 0
  fi
  if port_open "$BOLT_PORT"; then
    die "port $BOLT_PORT is already in use by another process: set NEO4J_BOLT_PORT to a free port" 2
  fi

  local t0 java
  t0=$(now)
  cmd_install quiet
  java=$(java_bin)
  write_conf
  init_auth "$java"
  mkdir -p "$SERVER_HOME/logs"
  [[ -f $LOG_FILE ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"

  local xms=256m
  # keep -Xms <= -Xmx when a smaller heap is asked for
  if [[ ${HEAP,,} == *m ]] && ((${HEAP%[mM]} < 256)); then xms=$HEAP; fi

  local -a jvm=(
    "-Xms$xms" "-Xmx$HEAP" -XX:+UseSerialGC
    -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    -Dio.netty.tryReflectionSetAccessible=true
    -Djdk.nio.maxCachedBufferSize=1024
    -Dlog4j2.disable.jmx=true
    -Dfile.encoding=UTF-8
  )
  # shellcheck disable=SC2206 # word splitting of extra flags is intended
  [[ -n ${NEO4J_JAVA_OPTS:-} ]] && jvm+=($NEO4J_JAVA_OPTS)

  say "starting Neo4j on bolt://127.0.0.1:$BOLT_PORT (heap $HEAP, page cache $PAGECACHE, home $SERVER_HOME)..."
  # setsid: own session, so Ctrl-C in the caller's terminal or a test runner's process
  # group does not kill it; the inner shell writes its own pid, then becomes java.
  echo "$BOLT_PORT" >"$PORT_FILE"
  echo "${NEO4J_OWNER:-manual}" >"$OWNER_FILE"
  printf 'NEO4J_HEAP=%s\nNEO4J_PAGECACHE=%s\nNEO4J_TX_MEMORY=%s\nNEO4J_TX_TIMEOUT=%s\nNEO4J_HTTP_PORT=%s\n' "$HEAP" "$PAGECACHE" "$TX_MEMORY" "$TX_TIMEOUT" "$HTTP_PORT" >"$SETTINGS_FILE"
  # shellcheck disable=SC2016 # $$ and $1 belong to the inner shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' neo4j-start "$PID_FILE" \
    "$java" "${jvm[@]}" -cp "$(<"$CP_FILE")" "$MAIN_CLASS" \
    "--home-dir=$SERVER_HOME" "--config-dir=$CONF_DIR" --console-mode \
    </dev/null >"$LOG_FILE" 2>&1 9>&- &
  for _ in $(seq 50); do [[ -s $PID_FILE ]] && break; sleep 0.1; done
  pid=$(cat "$PID_FILE" 2>/dev/null || true)
  [[ -n $pid ]] || die "could not launch java"

  if ! wait_ready "$pid"; then
    log_tail 40
    if pid_alive "$pid"; then
      echo "[neo4j] not ready after ${START_TIMEOUT}s: stopping it" >&2
      stop_pid "$pid" 10 >&2 || true
    fi
    rm -f "$PID_FILE" "$PORT_FILE" "$OWNER_FILE"
    die "Neo4j did not start (full log: $LOG_FILE)"
  fi
  say "ready in $(elapsed "$t0") s (pid $pid, bolt://127.0.0.1:$BOLT_PORT)"
}

# The settings of the last start, for restart and import: without them a server started with a 2g heap came
# back from `npm run seed -- --import` with the default 512m, and the stored bundles then ran out of memory.
keep_settings() {
  [[ -f $SETTINGS_FILE ]] || return 0
  local name value
  while IFS='=' read -r name value; do
    case $name in
      NEO4J_HEAP) [[ -n ${NEO4J_HEAP+x} || ! $value =~ ^[0-9]+[mMgG]$ ]] || HEAP=$value ;;
      NEO4J_PAGECACHE) [[ -n ${NEO4J_PAGECACHE+x} || ! $value =~ ^[0-9]+[mMgG]$ ]] || PAGECACHE=$value ;;
      NEO4J_TX_MEMORY) [[ -n ${NEO4J_TX_MEMORY+x} || ! $value =~ ^([0-9]+[mMgG])?$ ]] || TX_MEMORY=$value ;;
      NEO4J_TX_TIMEOUT) [[ -n ${NEO4J_TX_TIMEOUT+x} || ! $value =~ ^[0-9]+(ms|s|m)$ ]] || TX_TIMEOUT=$value ;;
      NEO4J_HTTP_PORT) [[ -n ${NEO4J_HTTP_PORT+x} || ! $value =~ ^[0-9]*$ ]] || HTTP_PORT=$value ;;
    esac
  done <"$SETTINGS_FILE"
}

# ---------------------------------------------------------------- stop / status

stop_pid() { # pid timeout
  local pid=$1 timeout=$2 t0 waited=0
  t0=$(now)
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= timeout * 10)); then
      say "still running after ${timeout}s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      waited=0
      while kill -0 "$pid" 2>/dev/null && ((waited < 50)); do sleep 0.1; waited=$((waited + 1)); done
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "[neo4j] pid $pid is still alive after SIGKILL" >&2
    return 1
  fi
  say "stopped in $(elapsed "$t0") s"
}

cmd_stop() {
  local pid
  lock_home
  if ! pid=$(running_pid); then
    say "not running"
    return 0
  fi
  say "stopping (pid $pid)..."
  stop_pid "$pid" "$STOP_TIMEOUT"
  rm -f "$PID_FILE" "$PORT_FILE" "$OWNER_FILE"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    say "running (pid $pid, bolt://127.0.0.1:$(cat "$PORT_FILE" 2>/dev/null || echo '?'), started by $(cat "$OWNER_FILE" 2>/dev/null || echo '?'))"
    return 0
  fi
  say "not running"
  return 3
}

# ---------------------------------------------------------------- import

cmd_import() { # dir
  local dir=${1:-}
  [[ -n $dir && -f $dir/import.args ]] || die "import needs a folder with import.args (npm run seed -- --import writes one)" 2
  local heap=${NEO4J_IMPORT_HEAP:-1g} memory=${NEO4J_IMPORT_MEMORY:-2g}
  [[ $heap =~ ^[0-9]+[mMgG]$ ]] || die "NEO4J_IMPORT_HEAP must look like 512m or 1g, got '$heap'" 2
  [[ $memory =~ ^[0-9]+[mMgG]$ ]] || die "NEO4J_IMPORT_MEMORY must look like 512m or 2g, got '$memory'" 2
  keep_settings
  (
    lock_home
    local pid
    if pid=$(running_pid); then
      say "stopping (pid $pid) for the import..."
      stop_pid "$pid" "$STOP_TIMEOUT"
      rm -f "$PID_FILE" "$PORT_FILE" "$OWNER_FILE"
    elif port_open "$BOLT_PORT"; then
      die "port $BOLT_PORT is in use by a Neo4j this script did not start: stop it first" 2
    fi
    cmd_install quiet
    local java args t0
    java=$(java_bin)
    write_conf
    mapfile -t args <"$dir/import.args"
    t0=$(now)
    say "importing $dir into the database neo4j of $SERVER_HOME (it is replaced)..."
    # the file paths in import.args are relative to the folder
    (cd "$dir" && NEO4J_HOME="$SERVER_HOME" NEO4J_CONF="$CONF_DIR" "$java" "-Xmx$heap" -cp "$(<"$CP_FILE")" \
      org.neo4j.cli.AdminTool database import full --overwrite-destination=true "--max-off-heap-memory=$memory" \
      --report-file="$HOME_DIR/import.report" "${args[@]}" neo4j) || die "the importer failed; Neo4j is stopped and its database may be unusable: import again"
    say "imported in $(elapsed "$t0") s"
  )
  cmd_start
}

case ${1:-} in
  install) cmd_install ;;
  import) cmd_import "${2:-}" ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) keep_settings && cmd_stop && cmd_start ;;
  logs) tail -n "${2:-100}" "$LOG_FILE" ;;
  *)
    echo "usage: $0 start|stop|status|install|restart|logs [n]|import DIR" >&2
    exit 2
    ;;
esac
