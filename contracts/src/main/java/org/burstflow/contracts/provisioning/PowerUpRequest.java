package org.burstflow.contracts.provisioning;

/** A node powered up without a job (a manual {@code scontrol update state=power_up}). */
public record PowerUpRequest(String cluster, String node) {}
