-- Who a report belongs to, so the portal can answer "my jobs" and "my project's jobs" without
-- parsing recipients, and the charts rendered with it (inline CID images in the e-mail and
-- <img> in the portal come from the same PNG bytes).
ALTER TABLE job_report
  ADD COLUMN user_name       VARCHAR(64)  NULL AFTER job_id,
  ADD COLUMN account         VARCHAR(64)  NULL AFTER user_name,
  ADD COLUMN partition_name  VARCHAR(64)  NULL AFTER account,
  ADD KEY ix_report_user (cluster, user_name, rendered_at),
  ADD KEY ix_report_account (cluster, account, rendered_at);

-- At most a few charts per report; name is stable (e.g. gpu-util, memory, gpu-heatmap) and is
-- also the e-mail's Content-ID local part. Re-rendering a report replaces its charts.
CREATE TABLE job_report_chart (
  cluster     VARCHAR(64)   NOT NULL,
  job_id      BIGINT        NOT NULL,
  name        VARCHAR(32)   NOT NULL,
  title       VARCHAR(200)  NOT NULL,
  png         MEDIUMBLOB    NOT NULL,
  PRIMARY KEY (cluster, job_id, name),
  CONSTRAINT fk_chart_report FOREIGN KEY (cluster, job_id) REFERENCES job_report (cluster, job_id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
