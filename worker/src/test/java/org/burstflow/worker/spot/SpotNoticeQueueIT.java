package org.burstflow.worker.spot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.lifecycle.JobEnded;
import org.burstflow.contracts.lifecycle.JobLifecycleWorkflow;
import org.burstflow.contracts.lifecycle.JobOutcome;
import org.burstflow.contracts.lifecycle.LifecycleStage;
import org.burstflow.contracts.lifecycle.LifecycleStatus;
import org.burstflow.contracts.lifecycle.NodesResumed;
import org.burstflow.contracts.lifecycle.SpotInterrupted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The notice intake against moto's SQS and EC2 (a moto of the test's own) and Temporal's
 * in-memory server: which notices reach which lifecycle, and when a message leaves the queue.
 */
class SpotNoticeQueueIT {

  /** Stands in for the lifecycle: keeps the notices it is signalled. */
  public static class RecordingLifecycle implements JobLifecycleWorkflow {
    private final List<String> notices = new ArrayList<>();
    private boolean ended;

    @Override
    public JobOutcome run(JobKey job) {
      Workflow.await(() -> ended);
      return null;
    }

    @Override
    public void nodesResumed(NodesResumed event) {}

    @Override
    public void jobEnded(JobEnded event) {
      ended = true;
    }

    @Override
    public void spotInterrupted(SpotInterrupted notice) {
      notices.add(notice.kind() + " " + notice.instanceId() + " " + notice.source());
    }

    @Override
    public LifecycleStatus status() {
      return new LifecycleStatus(LifecycleStage.RUNNING, List.of(), List.of(), String.join(";", notices));
    }
  }

  private static MotoServer moto;
  private static Ec2Client ec2;
  private static SqsClient sqs;
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String queueUrl;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startMoto() throws Exception {
    assumeTrue(MotoServer.available(), "moto_server is not installed");
    moto = MotoServer.start();
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    ec2 = Ec2Client.builder().endpointOverride(URI.create(moto.endpoint)).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    sqs = SqsClient.builder().endpointOverride(URI.create(moto.endpoint)).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  @AfterAll
  static void stopMoto() throws Exception {
    if (moto != null) {
      moto.close();
    }
  }

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.CORE);
    worker.registerWorkflowImplementationTypes(RecordingLifecycle.class);
    env.start();
    client = env.getWorkflowClient();
    queueUrl = sqs.createQueue(b -> b.queueName("spot-" + System.nanoTime())).queueUrl();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void aWarningForAJobsInstanceIsSignalledAndThenDeleted() {
    String instance = launch("dev", "42");
    startLifecycle(42);
    send(warning(instance, "ev-1"));

    assertEquals(1, consumer(router(client)).pollOnce());
    assertEquals("INTERRUPTION_WARNING " + instance + " sqs", notices(42));
    assertEquals(0, messagesLeft());
  }

  @Test
  void aDuplicateIsDeliveredAgainAndDeletedAgain() {
    String instance = launch("dev", "43");
    startLifecycle(43);
    send(warning(instance, "ev-2"));
    send(warning(instance, "ev-2"));

    SpotQueueConsumer consumer = consumer(router(client));
    int deleted = consumer.pollOnce();
    deleted += deleted < 2 ? consumer.pollOnce() : 0;
    assertEquals(2, deleted);
    // the lifecycle sees both; it acts once (SpotInterruptionWorkflowTest)
    assertEquals(2, notices(43).split(";").length);
    assertEquals(0, messagesLeft());
  }

  @Test
  void noticesForForeignOrUnknownInstancesAndHarmlessStatesAreDeletedAndIgnored() {
    String foreign = ec2.runInstances(RunInstancesRequest.builder().imageId(image()).minCount(1).maxCount(1)
        .instanceType("c5.large").build()).instances().get(0).instanceId();
    String otherCluster = launch("other", "44");
    String starting = launch("dev", "45");
    startLifecycle(44);
    startLifecycle(45);
    send(warning(foreign, "ev-3"));
    send(warning(otherCluster, "ev-4"));
    send(warning("i-0000000000000dead", "ev-5"));
    send(stateChange(starting, "running", "ev-6"));
    send("{\"detail-type\":\"AWS Health Event\",\"detail\":{\"instance-id\":\"" + foreign + "\"}}");

    SpotQueueConsumer consumer = consumer(router(client));
    int deleted = 0;
    for (int i = 0; i < 5 && deleted < 5; i++) {
      deleted += consumer.pollOnce();
    }
    assertEquals(5, deleted);
    assertEquals(0, messagesLeft());
    assertEquals("", notices(44));
    assertEquals("", notices(45));
  }

  @Test
  void aNoticeThatCouldNotBeDeliveredStaysAndIsHandledOnceTheServiceIsBack() {
    String instance = launch("dev", "46");
    startLifecycle(46);
    send(stateChange(instance, "shutting-down", "ev-7"));

    // Temporal unreachable: the signal fails, the message must stay
    WorkflowServiceStubs down = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget("127.0.0.1:1").setRpcTimeout(Duration.ofSeconds(1)).build());
    try {
      WorkflowClient unreachable = WorkflowClient.newInstance(down, WorkflowClientOptions.newBuilder().build());
      assertEquals(0, consumer(router(unreachable)).pollOnce());
    } finally {
      down.shutdownNow();
    }
    assertEquals(1, messagesLeft());

    // back again: once the visibility timeout has passed, the same message is delivered
    SpotQueueConsumer consumer = consumer(router(client));
    int deleted = 0;
    for (int i = 0; i < 10 && deleted == 0; i++) {
      deleted = consumer.pollOnce();
    }
    assertEquals(1, deleted);
    assertEquals("INSTANCE_GONE " + instance + " sqs", notices(46));
  }

  @Test
  void theWatchersPostTakesTheSamePath() {
    String instance = launch("dev", "47");
    startLifecycle(47);
    assertEquals(SpotNoticeRouter.Outcome.DELIVERED, router(client).route(warning(instance, "imds-1"), "imds"));
    assertEquals("INTERRUPTION_WARNING " + instance + " imds", notices(47));
    assertTrue(router(client).route("{not json", "imds") == SpotNoticeRouter.Outcome.IGNORED);
  }

  // ---------------------------------------------------------------------------------------------

  private SpotNoticeRouter router(WorkflowClient workflowClient) {
    return new SpotNoticeRouter(workflowClient, new InstanceOwners(ec2, "dev"), json);
  }

  private SpotQueueConsumer consumer(SpotNoticeRouter router) {
    return new SpotQueueConsumer(sqs, queueUrl, router, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  private void startLifecycle(long jobId) {
    JobLifecycleWorkflow wf = client.newWorkflowStub(JobLifecycleWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(new JobKey("dev", jobId).lifecycleWorkflowId()).setTaskQueue(TaskQueues.CORE).build());
    WorkflowClient.start(wf::run, new JobKey("dev", jobId));
  }

  private String notices(long jobId) {
    return client.newWorkflowStub(JobLifecycleWorkflow.class, new JobKey("dev", jobId).lifecycleWorkflowId())
        .status().detail();
  }

  /** An instance tagged as a launch tags it. */
  private static String launch(String cluster, String jobId) {
    List<Tag> tags = List.of(tag("ManagedBy", "burstflow"), tag("Cluster", cluster), tag("JobID", jobId),
        tag("WorkflowId", "job-" + cluster + "-" + jobId), tag("Attempt", "1"), tag("SlurmNode", "burst-1"));
    return ec2.runInstances(RunInstancesRequest.builder().imageId(image()).minCount(1).maxCount(1)
        .instanceType("c5.large")
        .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build())
        .build()).instances().get(0).instanceId();
  }

  private static String image() {
    return ec2.describeImages(b -> b.owners("amazon")).images().get(0).imageId();
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private void send(String body) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
  }

  private int messagesLeft() {
    var attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** The exact form of burst-anchors.md §3.2 (resource ARN with the AZ and no account). */
  static String warning(String instanceId, String eventId) {
    return "{\"version\":\"0\",\"id\":\"" + eventId + "\",\"detail-type\":\"EC2 Spot Instance Interruption Warning\","
        + "\"source\":\"aws.ec2\",\"account\":\"123456789012\",\"time\":\"2026-11-23T10:05:00Z\","
        + "\"region\":\"us-east-1\",\"resources\":[\"arn:aws:ec2:us-east-1b:instance/" + instanceId + "\"],"
        + "\"detail\":{\"instance-id\":\"" + instanceId + "\",\"instance-action\":\"terminate\"}}";
  }

  static String stateChange(String instanceId, String state, String eventId) {
    return "{\"version\":\"0\",\"id\":\"" + eventId + "\",\"detail-type\":\"EC2 Instance State-change Notification\","
        + "\"source\":\"aws.ec2\",\"time\":\"2026-11-23T10:07:00Z\",\"region\":\"us-east-1\","
        + "\"resources\":[\"arn:aws:ec2:us-east-1:123456789012:instance/" + instanceId + "\"],"
        + "\"detail\":{\"instance-id\":\"" + instanceId + "\",\"state\":\"" + state + "\"}}";
  }
}
