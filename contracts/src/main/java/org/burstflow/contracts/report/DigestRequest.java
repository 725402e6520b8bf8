package org.burstflow.contracts.report;

import java.util.List;

/** The reports of one user to send in one e-mail. */
public record DigestRequest(String cluster, String user, List<Long> jobIds) {

  public DigestRequest {
    jobIds = List.copyOf(jobIds);
  }
}
