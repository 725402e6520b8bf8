package org.burstflow.contracts.slurm;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import org.burstflow.contracts.JobKey;

/** Slurm's client commands. Served on {@link org.burstflow.contracts.TaskQueues#SLURM}. */
@ActivityInterface(namePrefix = "Slurm_")
public interface SlurmActivities {

  /** {@code scontrol show job}: who runs it, where, with how many nodes and what time limit. */
  SlurmJob describeJob(JobKey job);

  /** {@code scontrol update nodename=… nodeaddr=… nodehostname=…} for freshly launched nodes. */
  void setNodeAddresses(List<NodeAddress> addresses);

  /**
   * {@code sacct} for the job, once its record has settled (terminal state, end time, steps).
   * Fails with {@code AccountingNotSettled} until then, so the retry policy does the polling.
   */
  JobAccounting readAccounting(JobKey job);

  /**
   * Requeue the job held ({@code scontrol requeuehold}) with a reason the user can read in
   * {@code scontrol show job}: used when the budget refuses it, so Slurm never loops
   * resume → refuse → requeue.
   */
  void holdJob(JobKey job, String reason);

  /**
   * Every node Slurm knows, with its state as {@code scontrol show node} prints it (e.g.
   * {@code IDLE+CLOUD+POWERED_DOWN}).
   */
  java.util.Map<String, String> nodeStates();

  /**
   * Points powered-down nodes' NodeAddr and NodeHostname back at their names, as they were before
   * an instance served them. Nodes that are no longer powered down (a new job resumed them) are
   * left alone.
   */
  void resetNodeAddresses(List<String> nodes);

  /** Mark nodes down with a reason (ParallelCluster style "(Code:…)text") and power them down. */
  void markNodesDown(List<String> nodes, String reason);

  /**
   * GPUs the job was allocated ({@code gres/gpu} of AllocTRES, typed and untyped not double
   * counted), from {@code sacct -X}; 0 for none, null when sacct has no AllocTRES for it.
   */
  Integer allocatedGpus(JobKey job);

  /**
   * {@code sha256:<hex>} of the job's batch script ({@code scontrol write batch_script <id> -}),
   * the key of that script's history; null when Slurm no longer has the script (MinJobAge
   * passed, or an interactive job without one).
   */
  String batchScriptHash(JobKey job);

  /**
   * {@code scancel --signal=<signal> [--batch] <job>} so the job can checkpoint before its node
   * goes. A job that no longer runs is not an error.
   */
  void signalJob(JobKey job, String signal, boolean batchStepOnly);

  /**
   * {@code scontrol update nodename=… state=drain reason=…}: nothing new is scheduled there, the
   * running job goes on.
   */
  void drainNodes(List<String> nodes, String reason);

  /**
   * {@code scontrol requeue} when the job may be requeued (its {@code Requeue=1}); true when it is
   * now requeued or already pending again, false when Slurm would not requeue it.
   */
  boolean requeueJob(JobKey job);
}
