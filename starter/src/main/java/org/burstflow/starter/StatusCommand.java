package org.burstflow.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.JobOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code burstflow status <jobid>}: where a job's lifecycle is, or how it ended. */
@Command(name = "status", description = "Show the lifecycle of a Slurm job as JSON.")
class StatusCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "Slurm job id")
  long jobId;

  @Option(
      names = "--cluster",
      defaultValue = "${env:BURSTFLOW_CLUSTER:-dev}",
      description = "Slurm cluster name (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Mixin TemporalConnection temporal;

  @Override
  public Integer call() throws Exception {
    JobKey job = new JobKey(cluster, jobId);
    WorkflowServiceStubs stubs = temporal.stubs();
    try {
      WorkflowClient client = temporal.client(stubs);
      WorkflowStub stub = client.newUntypedWorkflowStub(job.lifecycleWorkflowId());
      WorkflowExecutionInfo info = stub.describe().getWorkflowExecutionInfo();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("workflow_id", job.lifecycleWorkflowId());
      out.put("run_id", info.getExecution().getRunId());
      out.put("execution_status", info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
      if (info.getStatus().name().endsWith("RUNNING")) {
        out.put("lifecycle", client.newWorkflowStub(JobLifecycleWorkflow.class, job.lifecycleWorkflowId()).status());
      } else if (info.getStatus().name().endsWith("COMPLETED")) {
        out.put("outcome", stub.getResult(JobOutcome.class));
      }
      ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
          .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
      System.out.println(json.writeValueAsString(out));
      return 0;
    } catch (WorkflowNotFoundException e) {
      System.err.println("no lifecycle for job " + job + " (" + job.lifecycleWorkflowId() + ")");
      return 3;
    } finally {
      stubs.shutdown();
    }
  }
}
