package org.burstflow.contracts.report;

import java.util.List;

/**
 * A digest workflow's input, and what it carries over when it continues as new.
 *
 * @param pendingJobIds reports received and not yet sent
 * @param lastSentAtMillis when the last e-mail went out (epoch ms), 0 if never: for throttling
 */
public record DigestState(String cluster, String user, List<Long> pendingJobIds, long lastSentAtMillis) {

  public DigestState {
    pendingJobIds = List.copyOf(pendingJobIds);
  }

  public static DigestState first(String cluster, String user) {
    return new DigestState(cluster, user, List.of(), 0);
  }
}
