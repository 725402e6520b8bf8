package org.burstflow.contracts.release;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Releases powered-down nodes (SuspendProgram / ResumeFailProgram): terminates their instances
 * by tag. Id {@code release-<cluster>-<hash of hostlist>-<time bucket>} so a repeated hook call
 * within the bucket runs once.
 */
@WorkflowInterface
public interface NodeReleaseWorkflow {
  @WorkflowMethod
  NodeReleaseResult release(NodeReleaseRequest request);
}
