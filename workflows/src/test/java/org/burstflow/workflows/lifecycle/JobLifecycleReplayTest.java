package org.burstflow.workflows.lifecycle;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays histories recorded on the dev stack (real Slurm, moto, MariaDB) against today's
 * workflow code: a change that would break running lifecycles fails here, and needs
 * {@code Workflow.getVersion}.
 */
class JobLifecycleReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "histories/job-lifecycle-burst-with-duplicate-resume.json",
        "histories/job-lifecycle-local-spooled-epilog.json",
        "histories/job-lifecycle-quota-then-requeued.json",
        // recorded by SpotInterruptionWorkflowTest: warning, requeue, relaunch as attempt 2
        "histories/job-lifecycle-spot-interruption-requeued.json",
        // recorded by SpotInterruptionWorkflowTest: the same, with the performance export (step 7)
        "histories/job-lifecycle-spot-interruption-exported.json"
      })
  void recordedHistoriesReplay(String resource) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(resource, JobLifecycleWorkflowImpl.class);
  }
}
