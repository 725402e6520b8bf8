# Sourced by every burstflow Slurm hook. Plain bash + curl + coreutils + sed.
#
# Slurm runs the hooks as root with an almost empty environment (no PATH), so every
# external program is called by absolute path. A hook must never fail or block a job:
# callers always exit 0, and the one network call is bounded by BURSTFLOW_TIMEOUT.
#
# Configuration: ${BURSTFLOW_HOOKS_CONF:-/etc/burstflow/hooks.conf}, shell-sourceable:
#   BURSTFLOW_URL         base URL of the burstflow worker     (default http://127.0.0.1:8080)
#   BURSTFLOW_CLUSTER     cluster name sent with every event   (default: ClusterName in $SLURM_CONF)
#   BURSTFLOW_SPOOL_DIR   where undelivered events are kept    (default /var/spool/burstflow)
#   BURSTFLOW_LOG         one line per hook call               (default /var/log/burstflow/hooks.log)
#   BURSTFLOW_TIMEOUT     max seconds for the HTTP call        (default 5)
#   BURSTFLOW_HOOK_TOKEN  bearer token; empty = no Authorization header

export LC_ALL=C   # byte-wise string handling in json_escape; no locale surprises

CURL=/usr/bin/curl
DATE=/usr/bin/date
MKDIR=/usr/bin/mkdir
MV=/usr/bin/mv
RM=/usr/bin/rm
SED=/usr/bin/sed
DIRNAME=/usr/bin/dirname

BURSTFLOW_HOOKS_CONF=${BURSTFLOW_HOOKS_CONF:-/etc/burstflow/hooks.conf}
if [[ -r $BURSTFLOW_HOOKS_CONF ]]; then
  # shellcheck disable=SC1090
  source "$BURSTFLOW_HOOKS_CONF" 2>/dev/null
fi
BURSTFLOW_URL=${BURSTFLOW_URL:-http://127.0.0.1:8080}
BURSTFLOW_SPOOL_DIR=${BURSTFLOW_SPOOL_DIR:-/var/spool/burstflow}
BURSTFLOW_LOG=${BURSTFLOW_LOG:-/var/log/burstflow/hooks.log}
BURSTFLOW_TIMEOUT=${BURSTFLOW_TIMEOUT:-5}
[[ $BURSTFLOW_TIMEOUT =~ ^[0-9]+([.][0-9]+)?$ ]] || BURSTFLOW_TIMEOUT=5
BURSTFLOW_HOOK_TOKEN=${BURSTFLOW_HOOK_TOKEN:-}
if [[ -z ${BURSTFLOW_CLUSTER:-} ]]; then
  BURSTFLOW_CLUSTER=$($SED -n 's/^[[:space:]]*[Cc][Ll][Uu][Ss][Tt][Ee][Rr][Nn][Aa][Mm][Ee][[:space:]]*=[[:space:]]*\([^[:space:]#]*\).*/\1/p' \
    "${SLURM_CONF:-/etc/slurm/slurm.conf}" 2>/dev/null)
fi

# json_escape STRING: prints STRING escaped for use inside a JSON string literal.
json_escape() {
  local s=$1 c ch hex
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  s=${s//$'\b'/\\b}
  s=${s//$'\f'/\\f}
  if [[ $s == *[$'\x01'-$'\x1f\x7f']* ]]; then
    for (( c = 1; c < 32; c++ )); do
      printf -v hex '%02x' "$c"
      printf -v ch "\\x$hex"
      s=${s//"$ch"/\\u00$hex}
    done
    s=${s//$'\x7f'/\\u007f}
  fi
  printf '%s' "$s"
}

# json_str VALUE: a JSON string, or null when VALUE is empty or Slurm's "(null)".
json_str() {
  if [[ -z $1 || $1 == "(null)" ]]; then printf 'null'; else printf '"%s"' "$(json_escape "$1")"; fi
}

# json_num VALUE: VALUE if it is a non-negative integer, else null.
json_num() {
  if [[ $1 =~ ^[0-9]+$ ]]; then printf '%s' "$((10#$1))"; else printf 'null'; fi
}

# now_ms: wall clock in milliseconds (bash 5 builtin clock, no fork).
now_ms() {
  local t=${EPOCHREALTIME/[.,]/}
  printf '%s' "${t:0:${#t}-3}"
}

hook_log() {
  local dir
  dir=$($DIRNAME "$BURSTFLOW_LOG")
  [[ -d $dir ]] || $MKDIR -p "$dir" 2>/dev/null
  printf '%s %s\n' "$($DATE -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$*" >> "$BURSTFLOW_LOG" 2>/dev/null
}

# write_atomically DIR EVENT BODY: DIR/<epoch-ns>-<pid>.<event>.json via tmp file + mv,
# so a replayer never sees a partial file (it must ignore names starting with '.').
# Prints the final path.
write_atomically() {
  local dir=$1 event=$2 body=$3 name tmp
  [[ -d $dir ]] || $MKDIR -p "$dir" 2>/dev/null || return 1
  name="$($DATE +%s%N)-$$.$event.json"
  tmp="$dir/.$name.tmp"
  printf '%s' "$body" > "$tmp" || { $RM -f "$tmp"; return 1; }
  $MV -f "$tmp" "$dir/$name" || { $RM -f "$tmp"; return 1; }
  printf '%s' "$dir/$name"
}

# auth_curl_config: curl config lines adding the bearer token, if one is configured.
auth_curl_config() {
  [[ -n $BURSTFLOW_HOOK_TOKEN ]] || return 0
  local t=${BURSTFLOW_HOOK_TOKEN//\\/\\\\}
  t=${t//\"/\\\"}
  printf 'header = "Authorization: Bearer %s"\n' "$t"
}

# post_or_spool EVENT JSON: POST JSON to $BURSTFLOW_URL/api/v1/hooks/EVENT.
#   2xx -> delivered.
#   401/403 -> a wrong or missing hook key is the deployment's fault, not the event's: spooled, and
#              the worker replays the spool itself (no key needed), so nothing waits on the fix.
#   other 4xx -> the worker rejected it: logged and kept in $BURSTFLOW_SPOOL_DIR/rejected/ (never replayed).
#   anything else (timeout, refused, 5xx, ...) -> spooled to $BURSTFLOW_SPOOL_DIR for replay.
# Always returns 0.
post_or_spool() {
  local event=$1 body=$2 start out code err outcome detail= file ms
  start=$(now_ms)
  # The token goes in through a curl config on a pipe, so it never shows in the process list.
  # --data-binary, not -d: the body (and so the spool file) stays byte-for-byte the same.
  out=$(printf '%s' "$body" | $CURL -sS -o /dev/null -w '\n@@code=%{http_code}@@\n' \
          --connect-timeout 1 --max-time "$BURSTFLOW_TIMEOUT" \
          -H 'Content-Type: application/json' -K <(auth_curl_config) \
          --data-binary @- "$BURSTFLOW_URL/api/v1/hooks/$event" 2>&1)
  code=000
  [[ $out =~ @@code=([0-9]{3})@@ ]] && code=${BASH_REMATCH[1]}
  err=${out//@@code=$code@@/}
  err=${err//$'\n'/ }
  err=${err#"${err%%[! ]*}"}; err=${err%"${err##*[! ]}"}
  case $code in
    2??) outcome=delivered ;;
    401|403) if file=$(write_atomically "$BURSTFLOW_SPOOL_DIR" "$event" "$body"); then
           outcome=spooled detail="file=$file (hook key refused: check BURSTFLOW_HOOK_TOKEN)"
         else
           outcome=LOST detail="spool dir unwritable; body=$body"
         fi ;;
    4??) if file=$(write_atomically "$BURSTFLOW_SPOOL_DIR/rejected" "$event" "$body"); then
           outcome=rejected detail="file=$file"
         else
           outcome=rejected detail="NOT-SAVED(spool dir unwritable) body=$body"
         fi ;;
    *)   if file=$(write_atomically "$BURSTFLOW_SPOOL_DIR" "$event" "$body"); then
           outcome=spooled detail="file=$file"
         else
           outcome=LOST detail="spool dir unwritable; body=$body"
         fi ;;
  esac
  ms=$(( $(now_ms) - start ))
  hook_log "event=$event outcome=$outcome http=$code ms=$ms${detail:+ $detail}${err:+ curl=\"$err\"}"
  return 0
}
