-- One row per analysed job: the summary the history, right-sizing and trend views read
-- (summaries only; raw GPU samples stay in the sampler's spool for a short window).
-- Re-analysing a job replaces its row (INSERT ... ON DUPLICATE KEY UPDATE).
CREATE TABLE job_analysis (
  cluster            VARCHAR(64)   NOT NULL,
  job_id             BIGINT        NOT NULL,
  user_name          VARCHAR(64)   NULL,
  account            VARCHAR(64)   NULL,
  -- hash of the batch script: the same script's runs feed --time suggestions and insights
  script_hash        VARCHAR(128)  NULL,
  job_name           VARCHAR(255)  NULL,
  state              VARCHAR(32)   NULL,
  end_time           TIMESTAMP(3)  NULL,
  elapsed_seconds    DOUBLE        NULL,
  alloc_cpus         INT           NULL,
  alloc_gpus         INT           NULL,
  peak_rss_bytes     BIGINT        NULL,
  -- efficiencies are fractions 0-1; NULL = not measured, never 0 in its place
  cpu_efficiency     DOUBLE        NULL,
  memory_efficiency  DOUBLE        NULL,
  time_efficiency    DOUBLE        NULL,
  gpu_mean_util      DOUBLE        NULL,
  gpu_hours_wasted   DOUBLE        NULL,
  efficiency_class   VARCHAR(24)   NOT NULL,
  -- the whole JobAnalysis as JSON (snake_case), versioned by this table's migrations
  summary_json       MEDIUMTEXT    NOT NULL,
  analysed_at        TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (cluster, job_id),
  KEY ix_analysis_script (cluster, user_name, script_hash, end_time),
  KEY ix_analysis_user (cluster, user_name, end_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
