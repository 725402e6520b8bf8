# Sourced by prolog-gpu, epilog-gpu and gpu-sampler (node side). Plain bash + coreutils.
#
# Slurm runs Prolog/Epilog as root on the compute node with no PATH: every program is called by
# absolute path, and a missing one means "no GPU data", never a failed job.
#
# Configuration: ${BURSTFLOW_HOOKS_CONF:-/etc/burstflow/hooks.conf}, shell-sourceable:
#   BURSTFLOW_GPU_SPOOL_DIR  samples go to <dir>/<jobid>/<host>.gpu  (default /var/spool/burstflow/gpu)
#                            the worker reads the same directory (shared file system)
#   BURSTFLOW_GPU_INTERVAL   seconds between samples, 1-5           (default 2)
#   BURSTFLOW_GPU_RUN_DIR    sampler pid files                      (default /run/burstflow-gpu)
#   BURSTFLOW_GPU_TOOL_DIRS  where amd-smi, rocm-smi, nvidia-smi are looked for, in order
#                            (default "/opt/rocm/bin /usr/bin /usr/local/bin")
#   BURSTFLOW_GPU_TOOL_TIMEOUT  max seconds one tool call may take  (default 10)

export LC_ALL=C

TIMEOUT=/usr/bin/timeout
SLEEP=/usr/bin/sleep
SETSID=/usr/bin/setsid
MKDIR=/usr/bin/mkdir
RM=/usr/bin/rm
KILL=/usr/bin/kill

BURSTFLOW_HOOKS_CONF=${BURSTFLOW_HOOKS_CONF:-/etc/burstflow/hooks.conf}
if [[ -r $BURSTFLOW_HOOKS_CONF ]]; then
  # shellcheck disable=SC1090
  source "$BURSTFLOW_HOOKS_CONF" 2>/dev/null
fi
BURSTFLOW_GPU_SPOOL_DIR=${BURSTFLOW_GPU_SPOOL_DIR:-/var/spool/burstflow/gpu}
BURSTFLOW_GPU_RUN_DIR=${BURSTFLOW_GPU_RUN_DIR:-/run/burstflow-gpu}
BURSTFLOW_GPU_TOOL_DIRS=${BURSTFLOW_GPU_TOOL_DIRS:-/opt/rocm/bin /usr/bin /usr/local/bin}
BURSTFLOW_GPU_INTERVAL=${BURSTFLOW_GPU_INTERVAL:-2}
[[ $BURSTFLOW_GPU_INTERVAL =~ ^[1-5]$ ]] || BURSTFLOW_GPU_INTERVAL=2
BURSTFLOW_GPU_TOOL_TIMEOUT=${BURSTFLOW_GPU_TOOL_TIMEOUT:-10}
[[ $BURSTFLOW_GPU_TOOL_TIMEOUT =~ ^[0-9]+$ ]] || BURSTFLOW_GPU_TOOL_TIMEOUT=10

# job_gpus: the job's GPU indices as a comma list (only these are sampled), from the first of
# SLURM_JOB_GPUS (set in Prolog), ROCR_VISIBLE_DEVICES, CUDA_VISIBLE_DEVICES, GPU_DEVICE_ORDINAL.
job_gpus() {
  local v
  for v in "${SLURM_JOB_GPUS:-}" "${ROCR_VISIBLE_DEVICES:-}" "${CUDA_VISIBLE_DEVICES:-}" "${GPU_DEVICE_ORDINAL:-}"; do
    if [[ $v =~ ^[0-9]+(,[0-9]+)*$ ]]; then
      printf '%s' "$v"
      return
    fi
  done
}

# gpu_tool: prints "<name> <absolute path>" of the first GPU tool found, amd-smi first
# (rocm-smi is deprecated in its favour), nothing when there is none.
gpu_tool() {
  local name dir
  for name in amd-smi rocm-smi nvidia-smi; do
    for dir in $BURSTFLOW_GPU_TOOL_DIRS; do
      if [[ -x $dir/$name ]]; then
        printf '%s %s' "$name" "$dir/$name"
        return
      fi
    done
  done
}

# short host name without forking
node_name() {
  local h
  read -r h < /proc/sys/kernel/hostname 2>/dev/null || h=unknown
  printf '%s' "${h%%.*}"
}

pid_file() {
  printf '%s/%s.pid' "$BURSTFLOW_GPU_RUN_DIR" "$1"
}

# sampler_alive JOB PID: true when PID is that job's gpu-sampler (pids are reused).
sampler_alive() {
  local args
  [[ $2 =~ ^[0-9]+$ ]] || return 1
  mapfile -d '' -t args 2>/dev/null < "/proc/$2/cmdline" || return 1
  [[ "${args[*]}" == *gpu-sampler\ "$1"\ * ]]
}
