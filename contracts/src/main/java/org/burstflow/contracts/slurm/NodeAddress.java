package org.burstflow.contracts.slurm;

/** Where Slurm should reach a node: its address and host name. */
public record NodeAddress(String node, String address, String hostname) {}
