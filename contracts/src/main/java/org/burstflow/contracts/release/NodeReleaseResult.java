package org.burstflow.contracts.release;

import java.util.List;

/** Instances that were terminated for the released nodes (empty if none were running). */
public record NodeReleaseResult(List<String> terminatedInstanceIds) {}
