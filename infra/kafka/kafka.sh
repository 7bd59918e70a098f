#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, combined broker+controller) for Starboard
# tests and local distributed runs. The broker jars come from Maven Central
# (see pom.xml); no Docker, no download of a Kafka tarball.
#
#   bash infra/kafka/kafka.sh install|start|stop|restart|status|reset|logs|tool
#
# See README.md for details. Works from any cwd.
set -euo pipefail
set +m # no job control: keeps `setsid java &` from forking, so $! is the broker pid

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

# ---------------------------------------------------------------- settings --
HOST="${STARBOARD_KAFKA_HOST:-127.0.0.1}"
PORT="${STARBOARD_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${STARBOARD_KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${STARBOARD_KAFKA_START_TIMEOUT:-90}"   # seconds
STOP_TIMEOUT="${STARBOARD_KAFKA_STOP_TIMEOUT:-30}"     # seconds before SIGKILL
AUTO_CREATE_TOPICS="${STARBOARD_KAFKA_AUTO_CREATE_TOPICS:-false}"
NUM_PARTITIONS="${STARBOARD_KAFKA_NUM_PARTITIONS:-4}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1g -Xms256m}"
EXTRA_JVM_OPTS="${KAFKA_OPTS:-}"
MVN="${MVN:-mvn}"

# Data dir: absolute paths are used as is, relative ones are relative to the
# repo root (so the default is always <repo>/infra/kafka/.data).
DATA_DIR="${STARBOARD_KAFKA_DIR:-infra/kafka/.data}"
case "$DATA_DIR" in
  /*) ;;
  *) DATA_DIR="$REPO_ROOT/$DATA_DIR" ;;
esac
DATA_DIR="${DATA_DIR%/}"

LIB_DIR="$SCRIPT_DIR/target/lib"
INSTALL_STAMP="$LIB_DIR/.installed"
LOG4J_CONFIG="$SCRIPT_DIR/log4j2.properties"           # broker
LOG4J_TOOLS_CONFIG="$SCRIPT_DIR/log4j2-tools.properties" # CLI tools: WARN to stderr
LOG_DIRS="$DATA_DIR/kraft"              # Kafka log.dirs (topic data + metadata log)
CONFIG_FILE="$DATA_DIR/server.properties"
PID_FILE="$DATA_DIR/kafka.pid"
LOG_FILE="$DATA_DIR/kafka.log"          # broker stdout/stderr (log4j2 -> stdout)

MAIN_CLASS="kafka.Kafka"
STORAGE_TOOL_CLASS="kafka.tools.StorageTool"
API_VERSIONS_CLASS="org.apache.kafka.tools.BrokerApiVersionsCommand"

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA="${JAVA_HOME}/bin/java"
else
  JAVA="java"
fi

# ----------------------------------------------------------------- helpers --
log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now() { date +%s; }

classpath() { printf '%s/*' "$LIB_DIR"; }

run_java_tool() { # run a main class from the broker classpath, quiet logging
  "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$LOG4J_TOOLS_CONFIG" \
    -cp "$(classpath)" "$@"
}

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (set JAVA_HOME or put java on PATH); Kafka 4.x needs Java 17+"
  local spec
  spec="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}')"
  spec="${spec%%.*}"
  if [[ -n "$spec" && "$spec" =~ ^[0-9]+$ && "$spec" -lt 17 ]]; then
    die "Java $spec found at $JAVA; the Kafka broker in pom.xml needs Java 17+"
  fi
}

pom_hash() { sha256sum "$SCRIPT_DIR/pom.xml" | cut -d' ' -f1; }

is_installed() {
  [[ -f "$INSTALL_STAMP" ]] && [[ "$(cat "$INSTALL_STAMP")" == "$(pom_hash)" ]] \
    && compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null
}

# Serialise control operations on one data dir (parallel `start`s from several
# test workers, CI steps, ...). flock is in util-linux; skip if absent.
LOCK_FD=""
take_lock() {
  [[ -z "$LOCK_FD" ]] || return 0 # already held by this process (restart, reset)
  command -v flock >/dev/null 2>&1 || return 0
  local key lock
  key="$(printf '%s' "$DATA_DIR" | sha256sum | cut -c1-12)"
  lock="${TMPDIR:-/tmp}/starboard-kafka-$key.lock"
  exec {LOCK_FD}>"$lock"
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 600)) "$LOCK_FD" || die "could not lock $lock"
}

# pid of our running broker, or nothing. Guards against stale pid files and
# pid reuse by checking the command line.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if [[ -r "/proc/$pid/cmdline" ]]; then
    local cmdline
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    [[ "$cmdline" == *" $MAIN_CLASS "* ]] || return 0
  fi
  printf '%s\n' "$pid"
}

port_open() { # plain TCP check, used only to detect a foreign process on our port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

broker_ready() { # really talks Kafka: Metadata + ApiVersions via the admin client
  local out
  out="$(timeout 20 "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$LOG4J_TOOLS_CONFIG" \
    -cp "$(classpath)" "$API_VERSIONS_CLASS" --bootstrap-server "$HOST:$PORT" 2>/dev/null)" || return 1
  [[ "$out" == *"(id: 1 "* ]]
}

tail_log() {
  if [[ -f "$LOG_FILE" ]]; then
    log "---- last 60 lines of $LOG_FILE ----"
    tail -n 60 "$LOG_FILE" >&2 || true
    log "---- end of log ----"
  fi
}

# --------------------------------------------------------------- commands --
cmd_install() {
  local force="${1:-}"
  if [[ "$force" != "--force" ]] && is_installed; then
    log "already installed ($(find "$LIB_DIR" -maxdepth 1 -name "*.jar" | wc -l) jars in $LIB_DIR)"
    return 0
  fi
  command -v "$MVN" >/dev/null 2>&1 || die "maven ($MVN) not found; apt-get install maven"
  log "fetching Kafka jars from Maven Central into $LIB_DIR ..."
  local t0; t0="$(now)"
  rm -rf "$LIB_DIR"
  local mvn_out
  mvn_out="$(mktemp)"
  # Output is kept quiet unless Maven fails (-q still prints jansi escape codes).
  if ! "$MVN" -q -B -f "$SCRIPT_DIR/pom.xml" package >"$mvn_out" 2>&1; then
    cat "$mvn_out" >&2
    rm -f "$mvn_out"
    die "maven failed to fetch the Kafka jars (see output above)"
  fi
  rm -f "$mvn_out"
  compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null || die "maven ran but $LIB_DIR has no kafka_2.13 jar"
  pom_hash >"$INSTALL_STAMP"
  log "installed $(find "$LIB_DIR" -maxdepth 1 -name "*.jar" | wc -l) jars in $(( $(now) - t0 ))s"
}

write_config() {
  mkdir -p "$DATA_DIR" "$LOG_DIRS"
  cat >"$CONFIG_FILE" <<EOF
# Generated by infra/kafka/kafka.sh on every start; edit the script, not this file.
# Single node, combined broker + controller (KRaft), tuned for tests.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${CONTROLLER_PORT}
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://${HOST}:${PORT},CONTROLLER://${HOST}:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${HOST}:${PORT}
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT

log.dirs=${LOG_DIRS}

# Topics: explicit creation by default (set STARBOARD_KAFKA_AUTO_CREATE_TOPICS=true to change).
auto.create.topics.enable=${AUTO_CREATE_TOPICS}
delete.topic.enable=true
num.partitions=${NUM_PARTITIONS}
default.replication.factor=1
min.insync.replicas=1

# Internal topics must fit on one broker; fewer partitions than the default 50
# make the first group join / InitProducerId and restarts faster.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=8
transaction.state.log.replication.factor=1
transaction.state.log.num.partitions=4
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Fast consumer-group joins in tests.
group.initial.rebalance.delay.ms=0

# Modest resources (2-core CI machines).
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=24
log.retention.check.interval.ms=300000
EOF
}

FRESHLY_FORMATTED=0
format_storage_if_needed() {
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then
    return 0
  fi
  FRESHLY_FORMATTED=1
  local cluster_id
  cluster_id="$(run_java_tool "$STORAGE_TOOL_CLASS" random-uuid 2>>"$LOG_FILE")"
  [[ -n "$cluster_id" ]] || die "could not generate a cluster id"
  log "formatting $LOG_DIRS (cluster id $cluster_id)"
  # Static quorum (controller.quorum.voters) -> plain `format` is enough; with
  # controller.quorum.bootstrap.servers it would need --standalone.
  if ! run_java_tool "$STORAGE_TOOL_CLASS" format -t "$cluster_id" -c "$CONFIG_FILE" --ignore-formatted \
        >>"$LOG_FILE" 2>&1; then
    tail_log
    die "kafka storage format failed"
  fi
}

# On a new data dir, __consumer_offsets / __transaction_state only get created
# by the first FindCoordinator, so the first consumer group join or
# InitProducerId of a test would see COORDINATOR_NOT_AVAILABLE / LOAD_IN_PROGRESS
# and retry for a second or two. Trigger both lookups now (the "not found"
# errors they print are expected) so the first test starts against a warm broker.
warm_up_coordinators() {
  [[ "${STARBOARD_KAFKA_WARMUP:-1}" == "1" ]] || return 0
  printf '\n----- kafka.sh warm-up (GroupIdNotFound / transactional id not found errors are expected) -----\n' >>"$LOG_FILE"
  local p1 p2
  timeout 60 bash "$SCRIPT_DIR/kafka.sh" tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
    --bootstrap-server "$HOST:$PORT" --describe --group starboard-kafka-sh-warmup >>"$LOG_FILE" 2>&1 &
  p1=$!
  timeout 60 bash "$SCRIPT_DIR/kafka.sh" tool org.apache.kafka.tools.TransactionsCommand \
    --bootstrap-server "$HOST:$PORT" describe --transactional-id starboard-kafka-sh-warmup >>"$LOG_FILE" 2>&1 &
  p2=$!
  wait "$p1" || true
  wait "$p2" || true
}

# wait_ready PID: 0 when the broker answers Kafka requests; 1 (after printing
# the log tail) when it died or did not get ready within START_TIMEOUT.
wait_ready() {
  local pid="$1" deadline
  deadline=$(( $(now) + START_TIMEOUT ))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail_log
      rm -f "$PID_FILE"
      log "ERROR: broker process $pid exited during startup (see $LOG_FILE)"
      return 1
    fi
    # Cheap TCP check first so we don't spawn probe JVMs (competing for the
    # CPU with the starting broker) before the listener is even bound.
    if port_open "$HOST" "$PORT" && broker_ready; then
      return 0
    fi
    if (( $(now) >= deadline )); then
      tail_log
      log "ERROR: broker (pid $pid) not ready on $HOST:$PORT after ${START_TIMEOUT}s (see $LOG_FILE)"
      return 1
    fi
    sleep 0.5
  done
}

cmd_start() {
  take_lock
  local t0 pid
  t0="$(now)"
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    log "already running (pid $pid); checking it answers on $HOST:$PORT ..."
    wait_ready "$pid" || die "running broker does not answer; try: bash $SCRIPT_DIR/kafka.sh restart"
    log "ready: STARBOARD_KAFKA_BROKERS=$HOST:$PORT"
    return 0
  fi
  rm -f "$PID_FILE"

  cmd_install
  check_java

  if port_open "$HOST" "$PORT"; then
    die "$HOST:$PORT is already in use by another process (not the broker of $DATA_DIR)"
  fi
  if port_open "$HOST" "$CONTROLLER_PORT"; then
    die "$HOST:$CONTROLLER_PORT (controller port) is already in use by another process"
  fi

  write_config
  # keep one previous log once it gets big (the log is appended to across starts)
  if [[ -f "$LOG_FILE" ]] && (( $(stat -c %s "$LOG_FILE") > 50 * 1024 * 1024 )); then
    mv -f "$LOG_FILE" "$LOG_FILE.1"
  fi
  printf '\n===== kafka.sh start %s =====\n' "$(date -Is)" >>"$LOG_FILE"
  format_storage_if_needed

  log "starting broker (data: $DATA_DIR, log: $LOG_FILE)"
  # setsid + nohup: survives the calling shell / terminal; pid file for stop.
  # No inherited fd above 2 may leak into the broker: the flock fd would hold
  # the control lock forever, and a caller's pipe would never see EOF.
  # shellcheck disable=SC2086
  (
    for fd_path in /proc/"$BASHPID"/fd/*; do
      fd="${fd_path##*/}"
      if [[ "$fd" =~ ^[0-9]+$ ]] && (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    cd "$DATA_DIR" && exec setsid nohup "$JAVA" $HEAP_OPTS \
      -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.logs.dir="$DATA_DIR" \
      $EXTRA_JVM_OPTS \
      -cp "$(classpath)" "$MAIN_CLASS" "$CONFIG_FILE" \
      >>"$LOG_FILE" 2>&1 </dev/null
  ) &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"

  if ! wait_ready "$pid"; then
    stop_pid "$pid"
    die "broker failed to start"
  fi
  if [[ "$FRESHLY_FORMATTED" == "1" ]]; then
    warm_up_coordinators
  fi
  log "ready in $(( $(now) - t0 ))s (pid $pid): STARBOARD_KAFKA_BROKERS=$HOST:$PORT"
}

stop_pid() { # SIGTERM, wait STOP_TIMEOUT, SIGKILL; removes the pid file
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; return 0; }
  log "stopping broker (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(now) + STOP_TIMEOUT ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(now) >= deadline )); then
      log "still running after ${STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_stop() {
  take_lock
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  stop_pid "$pid"
}

cmd_status() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    echo "kafka: not running (data dir $DATA_DIR)"
    return 3
  fi
  if ! is_installed; then
    echo "kafka: running (pid $pid) but $LIB_DIR is missing; cannot probe"
    return 1
  fi
  if broker_ready; then
    echo "kafka: running (pid $pid), ready at $HOST:$PORT (data dir $DATA_DIR)"
    return 0
  fi
  echo "kafka: running (pid $pid) but not answering Kafka requests on $HOST:$PORT"
  return 1
}

cmd_reset() {
  cmd_stop
  case "$DATA_DIR" in
    ""|/|"$HOME"|"$REPO_ROOT"|"$SCRIPT_DIR") die "refusing to delete data dir '$DATA_DIR'" ;;
  esac
  rm -rf "$DATA_DIR"
  log "deleted $DATA_DIR"
}

cmd_logs() { tail -n "${1:-100}" "$LOG_FILE"; }

cmd_tool() { # e.g. kafka.sh tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --list
  [[ $# -ge 1 ]] || die "usage: $0 tool <main-class> [args...]"
  is_installed || cmd_install
  run_java_tool "$@"
}

usage() {
  cat <<EOF
usage: $0 <command>

  install [--force]  fetch the broker jars with Maven into infra/kafka/target/lib (skipped if present)
  start              install if needed, format storage if needed, start, wait until ready
  stop               SIGTERM the broker, SIGKILL after ${STOP_TIMEOUT}s; no-op if not running
  restart            stop + start
  status             exit 0 if running and answering, 3 if not running, 1 if running but not answering
  reset              stop + delete the data dir ($DATA_DIR)
  logs [N]           print the last N (100) lines of the broker log
  tool CLASS ARGS    run a Kafka CLI class from the broker classpath

Broker: $HOST:$PORT (controller $HOST:$CONTROLLER_PORT), data: $DATA_DIR
EOF
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install) cmd_install "$@" ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    logs) cmd_logs "$@" ;;
    tool) cmd_tool "$@" ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
