package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.util.Objects;

/** What an hour on a partition costs: an instance price for burst partitions, rates for local ones. */
public sealed interface PartitionRate {

  /** A burst partition: one instance per node at {@code hourlyPrice} per instance-hour. */
  record Burst(String instanceType, BigDecimal hourlyPrice) implements PartitionRate {
    public Burst {
      Objects.requireNonNull(hourlyPrice, "hourly price");
    }
  }

  /**
   * A local partition, priced like ASBA's {@code local_costs}: (cpus × per-CPU-hour + nodes ×
   * per-node-hour + gpus × per-GPU-hour) × (1 + (maintenance − 1) + (power − 1)).
   */
  record Local(
      BigDecimal cpuHour, BigDecimal nodeHour, BigDecimal gpuHour, BigDecimal maintenanceFactor,
      BigDecimal powerCostFactor) implements PartitionRate {

    public Local {
      Objects.requireNonNull(cpuHour, "cost-per-cpu-hour");
      Objects.requireNonNull(nodeHour, "cost-per-node-hour");
      Objects.requireNonNull(gpuHour, "cost-per-gpu-hour");
      Objects.requireNonNull(maintenanceFactor, "maintenance-factor");
      Objects.requireNonNull(powerCostFactor, "power-cost-factor");
    }

    /** The overhead multiplier ASBA applies on top of the resource rates. */
    public BigDecimal overhead() {
      return BigDecimal.ONE.add(maintenanceFactor.subtract(BigDecimal.ONE)).add(powerCostFactor.subtract(BigDecimal.ONE));
    }

    /** Cost of one hour of {@code nodes} nodes with {@code cpus} and {@code gpus} in total. */
    public BigDecimal hourly(int nodes, int cpus, int gpus) {
      return cpuHour.multiply(BigDecimal.valueOf(cpus))
          .add(nodeHour.multiply(BigDecimal.valueOf(nodes)))
          .add(gpuHour.multiply(BigDecimal.valueOf(gpus)))
          .multiply(overhead());
    }
  }
}
