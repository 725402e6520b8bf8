package org.burstflow.contracts.analysis;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One advisory line of the sbatch diff: {@code --gpus=8 -> --gpus=2}, with why. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SbatchChange(String option, String from, String to, String reason) {

  /** As printed: {@code --gpus=8 -> --gpus=2}. */
  public String line() {
    return option + "=" + from + " -> " + option + "=" + to;
  }
}
