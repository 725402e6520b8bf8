package org.burstflow.workflows.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.report.DeliveryMode;
import org.burstflow.contracts.report.DigestPlan;
import org.burstflow.contracts.report.DigestRequest;
import org.burstflow.contracts.report.DigestResult;
import org.burstflow.contracts.report.DigestState;
import org.burstflow.contracts.report.ReportDeliveryActivities;
import org.burstflow.contracts.report.ReportDigestWorkflow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class ReportDigestWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .setWorkflowTypes(ReportDigestWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static final String ID = ReportDigestWorkflow.workflowId("dev", "alice");
  private static final Duration WINDOW = Duration.ofMinutes(2);
  private static final Duration MIN_INTERVAL = Duration.ofMinutes(15);

  private final ReportDeliveryActivities delivery =
      mock(ReportDeliveryActivities.class, withSettings().withoutAnnotations());
  /** Workflow time of each sendDigest call. */
  private final List<Long> sentAt = new ArrayList<>();
  private WorkflowClient client;
  private TestWorkflowEnvironment env;

  @BeforeEach
  void registerActivities(TestWorkflowEnvironment env, Worker worker) {
    this.env = env;
    Worker core = env.newWorker(TaskQueues.CORE);
    core.registerWorkflowImplementationTypes(ReportDigestWorkflowImpl.class);
    core.registerActivitiesImplementations(delivery);
    client = env.getWorkflowClient();
    when(delivery.digestPlan("dev", "alice")).thenReturn(new DigestPlan(DeliveryMode.PER_JOB, WINDOW, MIN_INTERVAL));
    when(delivery.sendDigest(any())).thenAnswer(call -> {
      sentAt.add(env.currentTimeMillis());
      DigestRequest r = call.getArgument(0);
      return new DigestResult("alice@example.org", "<m>", r.jobIds().size(), 0, r.jobIds().size() + " report(s) e-mailed");
    });
  }

  /** What the lifecycle's routing activity does for each finished job. */
  private void reportReady(long jobId) {
    ReportDigestWorkflow wf = client.newWorkflowStub(ReportDigestWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(ID).setTaskQueue(TaskQueues.CORE).build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(wf::run, DigestState.first("dev", "alice"));
    request.add(wf::reportReady, jobId);
    client.signalWithStart(request);
  }

  private void awaitCompletion() {
    WorkflowStub.fromTyped(client.newWorkflowStub(ReportDigestWorkflow.class, ID)).getResult(Void.class);
  }

  @Test
  void twentyArrayTasksEndingTogetherAreOneEmail() {
    env.start();
    LongStream.rangeClosed(1001, 1020).forEach(this::reportReady);
    reportReady(1005); // a repeated signal (routing retried) is not a second report

    awaitCompletion();

    ArgumentCaptor<DigestRequest> sent = ArgumentCaptor.forClass(DigestRequest.class);
    verify(delivery, times(1)).sendDigest(sent.capture());
    assertEquals(LongStream.rangeClosed(1001, 1020).boxed().toList(), sent.getValue().jobIds());
    assertEquals("alice", sent.getValue().user());
  }

  @Test
  void aReportAfterAnEmailWaitsForTheThrottleInterval() {
    env.start();
    reportReady(1);
    // the first e-mail has gone once the window has passed
    env.sleep(WINDOW.plusSeconds(1));
    assertEquals(1, sentAt.size());
    reportReady(2);

    awaitCompletion();

    assertEquals(2, sentAt.size());
    long gap = sentAt.get(1) - sentAt.get(0);
    assertTrue(gap >= MIN_INTERVAL.toMillis(), "second e-mail " + gap + " ms after the first");
  }

  @Test
  void dailyDigestCollectsTheDaysReports() {
    when(delivery.digestPlan("dev", "alice")).thenReturn(new DigestPlan(DeliveryMode.DAILY, Duration.ofDays(1), MIN_INTERVAL));
    env.start();
    reportReady(1);
    env.sleep(Duration.ofHours(20));
    reportReady(2);
    awaitCompletion();

    ArgumentCaptor<DigestRequest> sent = ArgumentCaptor.forClass(DigestRequest.class);
    verify(delivery, times(1)).sendDigest(sent.capture());
    assertEquals(List.of(1L, 2L), sent.getValue().jobIds());
  }

  @Test
  void anEmailThatFailsForGoodIsRecordedAndVisibleInTheStatus() {
    doThrow(ApplicationFailure.newNonRetryableFailure("relay refused", FailureTypes.BAD_INPUT))
        .when(delivery).sendDigest(any());
    env.start();
    reportReady(7);
    env.sleep(WINDOW.plusSeconds(1));

    String detail = client.newWorkflowStub(ReportDigestWorkflow.class, ID).status().detail();
    assertTrue(detail.startsWith("e-mail of 1 report(s) failed: relay refused"), detail);
    verify(delivery).recordDeliveryFailure(eq(new DigestRequest("dev", "alice", List.of(7L))), eq("relay refused"));
    awaitCompletion();
  }

  @Test
  void nothingIsSentBeforeTheWindowCloses() {
    env.start();
    reportReady(1);
    env.sleep(WINDOW.minusSeconds(10));
    verify(delivery, never()).sendDigest(any());
    awaitCompletion();
    verify(delivery, times(1)).sendDigest(any());
  }
}
