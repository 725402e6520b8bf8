package org.burstflow.contracts.analysis;

/**
 * The job's class by its headline efficiency (GPU utilisation for GPU jobs, CPU efficiency
 * otherwise): Efficient ≥ 0.70, Acceptable 0.40–0.70, Inefficient 0.15–0.40, Wasted < 0.15.
 * {@link #INSUFFICIENT_DATA} when too few samples or too short a run: lack of data is never
 * "Wasted".
 */
public enum EfficiencyClass {
  EFFICIENT,
  ACCEPTABLE,
  INEFFICIENT,
  WASTED,
  INSUFFICIENT_DATA;

  public static EfficiencyClass of(double efficiency) {
    if (efficiency >= 0.70) {
      return EFFICIENT;
    }
    if (efficiency >= 0.40) {
      return ACCEPTABLE;
    }
    return efficiency >= 0.15 ? INEFFICIENT : WASTED;
  }
}
