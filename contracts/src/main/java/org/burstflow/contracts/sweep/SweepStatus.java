package org.burstflow.contracts.sweep;

import java.util.List;
import org.burstflow.contracts.cloud.OrphanTermination;

/** What the sweep did in this run: passes so far and the orphans it terminated. */
public record SweepStatus(int passes, List<OrphanTermination> terminated) {}
