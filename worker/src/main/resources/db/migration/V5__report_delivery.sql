-- How each user wants reports e-mailed (DeliveryMode); no row = the configured default.
-- Set on the preferences page and by the signed one-click opt-out link.
CREATE TABLE report_preference (
  user_name   VARCHAR(64)   NOT NULL PRIMARY KEY,
  mode        VARCHAR(16)   NOT NULL,
  updated_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  CONSTRAINT ck_preference_mode CHECK (mode IN ('PER_JOB', 'DAILY', 'WEEKLY', 'OFF'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Delivery of each report: what routing decided, and what the e-mail did.
--   delivery_status NULL    rendered before delivery routing existed (sent_at tells)
--                   QUEUED  handed to the user's digest workflow
--                   SENT    e-mailed (sent_at, message_id; a digest's reports share its message_id)
--                   SKIPPED not to be e-mailed (partition / job class not configured, user opted out)
--                   FAILED  the e-mail failed after all retries; the report stays in the portal
-- job_name, job_state, gpu_job and efficiency_class let routing and digests decide and list a
-- job without re-reading sacct or the analysis (which may have failed).
ALTER TABLE job_report
  ADD COLUMN job_name          VARCHAR(255)   NULL AFTER partition_name,
  ADD COLUMN job_state         VARCHAR(32)    NULL AFTER job_name,
  ADD COLUMN gpu_job           BOOLEAN        NOT NULL DEFAULT FALSE AFTER job_state,
  ADD COLUMN efficiency_class  VARCHAR(24)    NULL AFTER gpu_job,
  ADD COLUMN delivery_status   VARCHAR(16)    NULL AFTER message_id,
  ADD COLUMN delivery_detail   VARCHAR(1000)  NULL AFTER delivery_status,
  ADD COLUMN delivery_failed_at TIMESTAMP(3)  NULL AFTER delivery_detail,
  ADD CONSTRAINT ck_report_delivery_status
    CHECK (delivery_status IN ('QUEUED', 'SENT', 'SKIPPED', 'FAILED')),
  ADD KEY ix_report_delivery (delivery_status, rendered_at);
