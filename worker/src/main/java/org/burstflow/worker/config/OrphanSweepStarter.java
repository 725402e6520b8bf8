package org.burstflow.worker.config;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.sweep.OrphanSweepWorkflow;
import org.burstflow.contracts.sweep.SweepSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the cluster's orphan sweep when the service is up; if it already runs (another worker,
 * or an earlier start), that one is kept. Started after the application is ready because the
 * Temporal workers start only then.
 */
@Component
class OrphanSweepStarter {

  private static final Logger log = LoggerFactory.getLogger(OrphanSweepStarter.class);

  private final WorkflowClient client;
  private final BurstflowProperties props;

  OrphanSweepStarter(WorkflowClient client, BurstflowProperties props) {
    this.client = client;
    this.props = props;
  }

  @EventListener(ApplicationReadyEvent.class)
  void startSweep() {
    BurstflowProperties.Sweep sweep = props.sweep();
    if (sweep == null || !sweep.enabled()) {
      log.info("orphan sweep disabled (burstflow.sweep.enabled)");
      return;
    }
    String id = OrphanSweepWorkflow.workflowId(props.cluster());
    OrphanSweepWorkflow wf =
        client.newWorkflowStub(
            OrphanSweepWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(TaskQueues.CORE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(wf::sweep, new SweepSettings(props.cluster(), sweep.interval(),
          sweep.gracePeriod(), sweep.maxLifetime(), sweep.passesPerRun()));
      log.info("orphan sweep {} started", id);
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.info("orphan sweep {} already running", id);
    }
  }
}
