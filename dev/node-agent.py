#!/usr/bin/env python3
"""Dev-stack node agent: plays the boot script of the emulated EC2 instances.

On AWS, an instance launched for a Slurm cloud node boots and starts `slurmd` for its node.
moto instances boot nothing, so this agent does it on their behalf, on this host:

  * every second it lists the moto instances tagged ManagedBy=burstflow, Cluster=<cluster>
    that carry a SlurmNode tag;
  * for each *running* one whose node has no live slurmd, it starts
    `setsid /usr/sbin/slurmd -b -N <node>` with stdio detached (`-b` makes slurmd report a
    fresh boot; without it slurmctld ignores the registration, see environment.md §2);
  * once no running/pending instance is left for a node whose slurmd it started
    (the instance was terminated), it stops that slurmd: SIGTERM, SIGKILL after 10 s.

It never talks to the burstflow worker; product code does not know it exists.
The set of slurmds it started is kept in --state, so a restarted agent still cleans up.

Usage: node-agent.py --cluster dev [--slurm-conf /etc/slurm/slurm.conf]
                     [--state dev/run/node-agent.json] [--log dev/run/log/node-agent.log]
EC2 endpoint and credentials come from the environment (dev/run/worker.env).
"""
import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime

import boto3

SLURMD = "/usr/sbin/slurmd"
POLL_SECONDS = 1.0
KILL_GRACE_SECONDS = 10
RESTART_BACKOFF_SECONDS = 10  # don't respawn a node's slurmd more often than this

_log_file = None


def log(msg):
    line = f"{datetime.now().isoformat(timespec='milliseconds')} {msg}\n"
    if _log_file:
        _log_file.write(line)
        _log_file.flush()
    else:
        sys.stderr.write(line)


def slurmd_pid_file_pattern(slurm_conf):
    with open(slurm_conf) as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            m = re.match(r"(?i)SlurmdPidFile\s*=\s*(\S+)", line)
            if m:
                return m.group(1)
    return "/var/run/slurmd.pid"


def process_alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class SlurmdControl:
    def __init__(self, pid_file_pattern):
        self.pattern = pid_file_pattern
        self.host = socket.gethostname().split(".")[0]

    def pid_file(self, node):
        return self.pattern.replace("%n", node).replace("%h", self.host)

    def live_pid(self, node):
        """pid of the slurmd serving `node`, or None."""
        try:
            with open(self.pid_file(node)) as f:
                pid = int(f.read().strip() or 0)
            if pid <= 0:
                return None
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (OSError, ValueError):
            return None
        if state == "Z" or not argv or not argv[0].endswith(b"slurmd"):
            return None
        # Guard against a recycled pid belonging to another node's slurmd.
        return pid if node.encode() in argv else None

    def start(self, node):
        # slurmd daemonizes itself; the direct child exits once it has forked.
        proc = subprocess.Popen(["/usr/bin/setsid", SLURMD, "-b", "-N", node],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, close_fds=True)
        try:
            return proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            return None


class Agent:
    def __init__(self, args):
        self.cluster = args.cluster
        self.state_path = args.state
        self.slurmd = SlurmdControl(slurmd_pid_file_pattern(args.slurm_conf))
        self.ec2 = boto3.client(
            "ec2",
            endpoint_url=os.environ.get("BURSTFLOW_EC2_ENDPOINT", "http://127.0.0.1:5000"),
            region_name=os.environ.get("AWS_REGION", "us-east-1"),
            aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
            aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"))
        self.started = self.load_state()     # node -> instance id it was started for
        self.last_start = {}                 # node -> monotonic time of last start attempt
        self.stopping = {}                   # node -> (pid, SIGKILL deadline)
        self.ec2_ok = None
        self.running = True

    def load_state(self):
        try:
            with open(self.state_path) as f:
                return dict(json.load(f))
        except (OSError, ValueError):
            return {}

    def save_state(self):
        tmp = self.state_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.started, f, indent=1, sort_keys=True)
        os.replace(tmp, self.state_path)

    def instances_by_node(self):
        """node -> list of (instance id, state, private ip) for this cluster's tagged instances."""
        filters = [{"Name": "tag:ManagedBy", "Values": ["burstflow"]},
                   {"Name": "tag:Cluster", "Values": [self.cluster]},
                   {"Name": "tag-key", "Values": ["SlurmNode"]}]
        nodes = {}
        for page in self.ec2.get_paginator("describe_instances").paginate(Filters=filters):
            for reservation in page["Reservations"]:
                for inst in reservation["Instances"]:
                    tags = {t["Key"]: t["Value"] for t in inst.get("Tags", [])}
                    node = tags.get("SlurmNode")
                    if node:
                        nodes.setdefault(node, []).append(
                            (inst["InstanceId"], inst["State"]["Name"], inst.get("PrivateIpAddress")))
        return nodes

    def poll(self):
        try:
            nodes = self.instances_by_node()
        except Exception as e:  # noqa: BLE001 - moto down or restarting: keep going
            if self.ec2_ok is not False:
                log(f"cannot list instances: {e}")
            self.ec2_ok = False
            return
        if self.ec2_ok is not True:
            log("EC2 endpoint answers")
        self.ec2_ok = True

        for node, instances in sorted(nodes.items()):
            running = [i for i in instances if i[1] == "running"]
            if running and node not in self.stopping and self.slurmd.live_pid(node) is None:
                self.boot(node, running[0])

        for node in sorted(self.started):
            alive = [i for i in nodes.get(node, []) if i[1] in ("running", "pending")]
            if not alive and node not in self.stopping:
                self.shut_down(node)

    def boot(self, node, instance):
        now = time.monotonic()
        if now - self.last_start.get(node, -RESTART_BACKOFF_SECONDS) < RESTART_BACKOFF_SECONDS:
            return
        self.last_start[node] = now
        instance_id, _, ip = instance
        rc = self.slurmd.start(node)
        # The pid file appears once the daemon has forked and initialised.
        pid = None
        for _ in range(30):
            pid = self.slurmd.live_pid(node)
            if pid:
                break
            time.sleep(0.1)
        if pid:
            log(f"started slurmd -b -N {node} (pid {pid}) for instance {instance_id} ip {ip}")
        else:
            log(f"slurmd -b -N {node} for instance {instance_id} did not come up (exit {rc});"
                f" retry in {RESTART_BACKOFF_SECONDS}s")
        self.started[node] = instance_id
        self.save_state()

    def shut_down(self, node):
        pid = self.slurmd.live_pid(node)
        if pid is None:
            log(f"instance of {node} gone; its slurmd is not running")
            self.forget(node)
            return
        log(f"instance of {node} gone: SIGTERM slurmd (pid {pid})")
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        self.stopping[node] = (pid, time.monotonic() + KILL_GRACE_SECONDS)

    def reap_stopping(self):
        for node, (pid, deadline) in list(self.stopping.items()):
            # By pid, not pid file: slurmd removes its pid file before it has finished exiting.
            if not process_alive(pid):
                log(f"slurmd of {node} (pid {pid}) exited")
                del self.stopping[node]
                self.forget(node)
            elif time.monotonic() > deadline:
                log(f"slurmd of {node} (pid {pid}) ignored SIGTERM for {KILL_GRACE_SECONDS}s: SIGKILL")
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.stopping[node] = (pid, time.monotonic() + KILL_GRACE_SECONDS)

    def forget(self, node):
        self.started.pop(node, None)
        self.last_start.pop(node, None)
        self.save_state()

    def run(self):
        log(f"node agent up: cluster={self.cluster} pid={os.getpid()} "
            f"slurmd pid files {self.slurmd.pattern} tracked={sorted(self.started)}")
        while self.running:
            started = time.monotonic()
            self.poll()
            self.reap_stopping()
            time.sleep(max(0.0, POLL_SECONDS - (time.monotonic() - started)))
        log("node agent stopped (slurmds it started are left running; dev/down stops them)")


def main():
    global _log_file
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cluster", default="dev")
    parser.add_argument("--slurm-conf", default=os.environ.get("SLURM_CONF", "/etc/slurm/slurm.conf"))
    parser.add_argument("--state", default="node-agent.json")
    parser.add_argument("--log")
    args = parser.parse_args()
    if args.log:
        _log_file = open(args.log, "a")
    agent = Agent(args)

    def stop(signum, _frame):
        agent.running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    agent.run()


if __name__ == "__main__":
    main()
