-- Budget accounts: one per Slurm account that may burst.
CREATE TABLE budget_account (
  account       VARCHAR(64)    NOT NULL PRIMARY KEY,
  limit_amount  DECIMAL(14,4)  NOT NULL,
  created_at    TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Append-only journal. Balances are derived from it:
--   held = sum(HOLD) - sum(RELEASE), used = sum(CHARGE), available = limit - used - held.
-- idempotency_key = <kind>:<cluster>:<jobid>, so a repeated operation writes nothing.
CREATE TABLE ledger_entry (
  id               BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
  idempotency_key  VARCHAR(190)   NOT NULL,
  account          VARCHAR(64)    NOT NULL,
  cluster          VARCHAR(64)    NOT NULL,
  job_id           BIGINT         NOT NULL,
  kind             VARCHAR(16)    NOT NULL,
  amount           DECIMAL(14,4)  NOT NULL,
  estimate         DECIMAL(14,4)  NULL,
  detail           TEXT           NULL,
  created_at       TIMESTAMP(3)   NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uq_ledger_idempotency (idempotency_key),
  KEY ix_ledger_account (account),
  KEY ix_ledger_job (cluster, job_id),
  CONSTRAINT fk_ledger_account FOREIGN KEY (account) REFERENCES budget_account (account),
  CONSTRAINT ck_ledger_kind CHECK (kind IN ('HOLD', 'RELEASE', 'CHARGE')),
  CONSTRAINT ck_ledger_amount CHECK (amount >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- One report per job, with its delivery state (sent_at NULL until e-mailed).
CREATE TABLE job_report (
  cluster      VARCHAR(64)   NOT NULL,
  job_id       BIGINT        NOT NULL,
  recipient    VARCHAR(320)  NOT NULL,
  subject      VARCHAR(500)  NOT NULL,
  markdown     MEDIUMTEXT    NOT NULL,
  text_body    MEDIUMTEXT    NOT NULL,
  html_body    MEDIUMTEXT    NOT NULL,
  rendered_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  sent_at      TIMESTAMP(3)  NULL,
  message_id   VARCHAR(500)  NULL,
  PRIMARY KEY (cluster, job_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
