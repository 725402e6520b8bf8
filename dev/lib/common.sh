# Shared by dev/up and dev/down (sourced, not executed).
# Paths, progress output, pid-file and port helpers for the local stack.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
DEV="$REPO/dev"
RUN="$DEV/run"
PIDS="$RUN/pids"
LOGS="$RUN/log"
LIB="$RUN/lib"                   # Temporal test server classpath ('lib/*')
GREENMAIL_LIB="$RUN/lib-greenmail" # GreenMail's fat jar, kept off that classpath
SLURM_CONF=/etc/slurm/slurm.conf
SLURMDBD_CONF=/etc/slurm/slurmdbd.conf
HOOKS_CONF=/etc/burstflow/hooks.conf
CLUSTER=dev
HOST=$(hostname -s)

# The image's pyenv Python carries moto and boto3; nothing else here can replace it.
PY=${BURSTFLOW_PYTHON:-/root/.pyenv/versions/3.11.7/bin/python3}

# Never let proxy settings route our localhost-only traffic somewhere else.
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

T0=$(date +%s.%N)
elapsed() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%5.1fs", b - a }'; }
say()  { printf '[%s] %s\n' "$(elapsed)" "$*"; }
die()  { printf '[%s] ERROR: %s\n' "$(elapsed)" "$*" >&2; exit 1; }

# pid_of NAME: prints the pid stored in $PIDS/NAME.pid if that process is alive.
pid_of() {
  local f="$PIDS/$1.pid" pid
  [[ -r $f ]] || return 1
  pid=$(tr -dc '0-9' < "$f")
  [[ -n $pid && -d /proc/$pid ]] || return 1
  # A zombie counts as gone.
  [[ $(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) != Z ]] || return 1
  echo "$pid"
}

# running NAME [CMDLINE_REGEX]: true if NAME's pid file names a live process whose
# command line matches the regex (guards against a recycled pid).
running() {
  local pid
  pid=$(pid_of "$1") || return 1
  [[ -z ${2:-} ]] && return 0
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -Eq -- "$2"
}

# port_open PORT [HOST]: something accepts TCP connections there.
port_open() {
  timeout 1 bash -c "exec 3<>/dev/tcp/${2:-127.0.0.1}/$1" 2>/dev/null
}

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s.
wait_for() {
  local secs=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + secs ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s) < deadline )) || return 1
    sleep 0.2
  done
}

# stop_pid NAME PID [GRACE_SECONDS]: SIGTERM, wait, SIGKILL after the grace period.
stop_pid() {
  local name=$1 pid=$2 grace=${3:-15} i
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < grace * 5; i++ )); do
    [[ -d /proc/$pid ]] || return 0
    [[ $(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null) == Z ]] && return 0
    sleep 0.2
  done
  say "  $name (pid $pid) ignored SIGTERM for ${grace}s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for (( i = 0; i < 25; i++ )); do [[ -d /proc/$pid ]] || return 0; sleep 0.2; done
  say "  WARNING: $name (pid $pid) still present after SIGKILL"
}

# stop_by_pidfile NAME [GRACE_SECONDS]: stop the process in $PIDS/NAME.pid, drop the file.
stop_by_pidfile() {
  local name=$1 pid
  if pid=$(pid_of "$name"); then
    say "stopping $name (pid $pid)"
    stop_pid "$name" "$pid" "${2:-15}"
  fi
  rm -f "$PIDS/$name.pid"
}
