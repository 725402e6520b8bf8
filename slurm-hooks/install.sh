#!/bin/bash
# Install the burstflow Slurm hooks on a Slurm controller (run as root).
#   slurm-hooks/install.sh [DEST]      DEST defaults to /opt/burstflow/slurm-hooks
# Copies resume, suspend, resume-fail, epilog-slurmctld, the node-side GPU sampler hooks
# (prolog-gpu, epilog-gpu, gpu-sampler), the optional node-side spot-watcher and lib/ to DEST, creates the spool
# and log directories, and writes /etc/burstflow/hooks.conf from a template if none exists
# (an existing one is never overwritten). Then add slurm.conf.snippet to slurm.conf.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
DEST=${1:-/opt/burstflow/slurm-hooks}
CONF=${BURSTFLOW_HOOKS_CONF:-/etc/burstflow/hooks.conf}

[[ $(id -u) == 0 ]] || { echo "install.sh: run as root (Slurm runs the hooks as SlurmUser, usually root)" >&2; exit 1; }
for tool in /usr/bin/curl /usr/bin/sed /usr/bin/date; do
  [[ -x $tool ]] || { echo "install.sh: $tool is missing (the hooks call it by absolute path)" >&2; exit 1; }
done

install -d -m 0755 "$DEST" "$DEST/lib"
install -m 0755 "$SRC"/resume "$SRC"/suspend "$SRC"/resume-fail "$SRC"/epilog-slurmctld "$DEST/"
install -m 0755 "$SRC"/prolog-gpu "$SRC"/epilog-gpu "$SRC"/gpu-sampler "$DEST/"
# node side, optional: run on cloud nodes (e.g. a systemd unit) to post IMDS spot notices
install -m 0755 "$SRC"/spot-watcher "$DEST/"
install -m 0644 "$SRC"/lib/hook-common.sh "$SRC"/lib/gpu-common.sh "$DEST/lib/"
install -m 0644 "$SRC"/README.md "$SRC"/slurm.conf.snippet "$DEST/"
echo "installed hooks in $DEST"

if [[ -e $CONF ]]; then
  echo "kept existing $CONF"
else
  install -d -m 0755 "$(dirname "$CONF")"
  umask 077
  cat > "$CONF" <<'CONFEOF'
# burstflow Slurm hooks configuration (shell-sourceable key=value; read by every hook).
# URL of the burstflow worker's REST API (the hooks POST to $BURSTFLOW_URL/api/v1/hooks/<event>)
BURSTFLOW_URL=http://127.0.0.1:8080
# Cluster name sent with every event; empty = ClusterName from slurm.conf
BURSTFLOW_CLUSTER=
# Undelivered events are kept here until replayed; rejected/ holds events the worker refused (4xx)
BURSTFLOW_SPOOL_DIR=/var/spool/burstflow
# One line per hook call: time, event, outcome, HTTP code, duration
BURSTFLOW_LOG=/var/log/burstflow/hooks.log
# Upper bound in seconds for the HTTP call (a hook never blocks Slurm longer than this)
BURSTFLOW_TIMEOUT=5
# Bearer token the worker expects on hook calls: the worker's BURSTFLOW_HOOK_API_KEY (role hook)
BURSTFLOW_HOOK_TOKEN=
# Node-side GPU sampling (prolog-gpu / epilog-gpu): samples go to <dir>/<jobid>/<host>.gpu,
# a directory the worker also sees (burstflow.analysis.gpu-spool-dir)
BURSTFLOW_GPU_SPOOL_DIR=/var/spool/burstflow/gpu
# Seconds between samples, 1-5
BURSTFLOW_GPU_INTERVAL=2
# spot-watcher (cloud nodes only): instance metadata service and seconds between looks
BURSTFLOW_IMDS_URL=http://169.254.169.254
BURSTFLOW_SPOT_POLL=5
CONFEOF
  echo "wrote $CONF (edit BURSTFLOW_URL and BURSTFLOW_HOOK_TOKEN)"
fi

# shellcheck disable=SC1090
source "$CONF"
install -d -m 0700 "${BURSTFLOW_SPOOL_DIR:-/var/spool/burstflow}" "${BURSTFLOW_SPOOL_DIR:-/var/spool/burstflow}/rejected"
install -d -m 0755 "$(dirname "${BURSTFLOW_LOG:-/var/log/burstflow/hooks.log}")"
install -d -m 0755 "${BURSTFLOW_GPU_SPOOL_DIR:-/var/spool/burstflow/gpu}"
echo "spool: ${BURSTFLOW_SPOOL_DIR:-/var/spool/burstflow}  log: ${BURSTFLOW_LOG:-/var/log/burstflow/hooks.log}"
echo "next: add $DEST/slurm.conf.snippet to slurm.conf (paths already point to $DEST if you kept the default) and 'scontrol reconfigure'"
