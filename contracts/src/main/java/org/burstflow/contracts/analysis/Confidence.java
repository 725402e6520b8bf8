package org.burstflow.contracts.analysis;

/** How far a figure can be trusted: enough samples, every GPU seen, utilisation corroborated. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW
}
