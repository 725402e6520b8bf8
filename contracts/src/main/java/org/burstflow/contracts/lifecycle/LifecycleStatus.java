package org.burstflow.contracts.lifecycle;

import java.util.List;

/** Snapshot of a lifecycle for operators: stage, nodes, instances and the last problem seen. */
public record LifecycleStatus(
    LifecycleStage stage, List<String> nodes, List<String> instanceIds, String detail) {}
