package org.burstflow.contracts.lifecycle;

/** What EC2 (or the node itself) said about an instance serving a job. */
public enum SpotNoticeKind {
  /** "EC2 Spot Instance Interruption Warning" or IMDS {@code spot/instance-action}: gone in ~2 min. */
  INTERRUPTION_WARNING,
  /** "EC2 Instance Rebalance Recommendation": elevated risk of interruption, no deadline. */
  REBALANCE_RECOMMENDATION,
  /**
   * "EC2 Instance State-change Notification" (stopping, stopped, shutting-down, terminated) or
   * the sweep finding the instance gone: it disappeared, perhaps without any warning.
   */
  INSTANCE_GONE
}
