-- The budget ledger, double entry (issue 5).
--
-- Every operation (ALLOCATION, ADJUSTMENT, HOLD, RECONCILE, RELEASE, REFUND) is one row of
-- budget_operation, keyed by a unique transaction_id that is its idempotency key
-- (<kind>:<cluster>:<jobid>:<attempt> for job operations), and a set of budget_posting rows whose
-- amounts sum to zero. Each account has four buckets:
--   FUNDING   (−limit: where the money comes from)
--   AVAILABLE (limit − used − held)
--   HELD      (holds not yet settled)
--   USED      (charged)
-- so for every account limit = −FUNDING = AVAILABLE + HELD + USED. The account row also carries
-- limit/used/held, maintained in the same transaction as the postings; LedgerAudit checks both
-- agree. Money is DECIMAL(14,4).

ALTER TABLE budget_account
  ADD COLUMN name                  VARCHAR(200)  NULL,
  ADD COLUMN description           VARCHAR(1000) NULL,
  ADD COLUMN status                VARCHAR(16)   NOT NULL DEFAULT 'active',
  ADD COLUMN period_start          TIMESTAMP(3)  NULL,
  ADD COLUMN period_end            TIMESTAMP(3)  NULL,
  ADD COLUMN used_amount           DECIMAL(14,4) NOT NULL DEFAULT 0,
  ADD COLUMN held_amount           DECIMAL(14,4) NOT NULL DEFAULT 0,
  ADD COLUMN grant_number          VARCHAR(64)   NULL,
  ADD COLUMN funding_agency        VARCHAR(200)  NULL,
  ADD COLUMN principal_investigator VARCHAR(200) NULL,
  ADD COLUMN grant_start           DATE          NULL,
  ADD COLUMN grant_end             DATE          NULL,
  ADD COLUMN award_amount          DECIMAL(14,4) NULL,
  ADD COLUMN indirect_rate         DECIMAL(6,4)  NULL,
  ADD COLUMN updated_at            TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  ADD CONSTRAINT ck_account_status CHECK (status IN ('active', 'inactive', 'suspended', 'expired')),
  ADD CONSTRAINT ck_account_period CHECK (period_end IS NULL OR period_start IS NULL OR period_end > period_start),
  ADD CONSTRAINT ck_account_balances CHECK (held_amount >= 0);

-- A partition's own ceiling within an account; used/held maintained with the journal.
CREATE TABLE budget_partition_limit (
  account       VARCHAR(64)   NOT NULL,
  partition_name VARCHAR(64)  NOT NULL,
  limit_amount  DECIMAL(14,4) NOT NULL,
  used_amount   DECIMAL(14,4) NOT NULL DEFAULT 0,
  held_amount   DECIMAL(14,4) NOT NULL DEFAULT 0,
  PRIMARY KEY (account, partition_name),
  CONSTRAINT fk_partition_account FOREIGN KEY (account) REFERENCES budget_account (account),
  CONSTRAINT ck_partition_limit CHECK (limit_amount >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE budget_operation (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  transaction_id  VARCHAR(190)  NOT NULL,
  account         VARCHAR(64)   NOT NULL,
  kind            VARCHAR(16)   NOT NULL,
  cluster         VARCHAR(64)   NULL,
  job_id          BIGINT        NULL,
  attempt         INT           NULL,
  partition_name  VARCHAR(64)   NULL,
  -- HOLD: the hold; RECONCILE: the charge; RELEASE/REFUND/ALLOCATION: that amount;
  -- ADJUSTMENT: the signed change of the limit
  amount          DECIMAL(14,4) NOT NULL,
  estimate        DECIMAL(14,4) NULL,
  -- RECONCILE: the hold it settled (released in full)
  hold_amount     DECIMAL(14,4) NULL,
  -- RECONCILE: actual > hold, charged in full and alerted
  overrun         BOOLEAN       NOT NULL DEFAULT FALSE,
  description     VARCHAR(500)  NULL,
  detail          TEXT          NULL,
  created_at      TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uq_operation_transaction (transaction_id),
  KEY ix_operation_account_time (account, created_at),
  KEY ix_operation_job (cluster, job_id),
  KEY ix_operation_kind_time (kind, created_at),
  CONSTRAINT fk_operation_account FOREIGN KEY (account) REFERENCES budget_account (account),
  CONSTRAINT ck_operation_kind CHECK (kind IN ('ALLOCATION', 'ADJUSTMENT', 'HOLD', 'RECONCILE', 'RELEASE', 'REFUND'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE budget_posting (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operation_id  BIGINT        NOT NULL,
  account       VARCHAR(64)   NOT NULL,
  bucket        VARCHAR(16)   NOT NULL,
  amount        DECIMAL(14,4) NOT NULL,
  KEY ix_posting_operation (operation_id),
  KEY ix_posting_account_bucket (account, bucket),
  CONSTRAINT fk_posting_operation FOREIGN KEY (operation_id) REFERENCES budget_operation (id),
  CONSTRAINT ck_posting_bucket CHECK (bucket IN ('FUNDING', 'AVAILABLE', 'HELD', 'USED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Alerts as ASBB's budget_alerts intended, plus job_overrun and orphan_released.
CREATE TABLE budget_alert (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account       VARCHAR(64)   NOT NULL,
  alert_type    VARCHAR(32)   NOT NULL,
  severity      VARCHAR(16)   NOT NULL,
  message       VARCHAR(1000) NOT NULL,
  transaction_id VARCHAR(190) NULL,
  triggered_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  status        VARCHAR(16)   NOT NULL DEFAULT 'active',
  UNIQUE KEY uq_alert_transaction (alert_type, transaction_id),
  KEY ix_alert_account (account, status),
  CONSTRAINT fk_alert_account FOREIGN KEY (account) REFERENCES budget_account (account),
  CONSTRAINT ck_alert_severity CHECK (severity IN ('info', 'warning', 'critical'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- ---------------------------------------------------------------- carry V1's journal over
-- V1 kept single-sided entries (HOLD, RELEASE, CHARGE keyed <kind>:<cluster>:<jobid>). They become
-- balanced operations with the new keys, so holds placed before the upgrade are still found,
-- released and reconciled exactly once. V1's table is left as it is (no longer written), for
-- audit, and so that a worker of the previous version sharing the database keeps starting.

INSERT INTO budget_operation (transaction_id, account, kind, amount, description, created_at)
  SELECT CONCAT('allocation:', account, ':initial'), account, 'ALLOCATION', limit_amount,
         'limit carried over from the V1 ledger', created_at
  FROM budget_account;

INSERT INTO budget_operation (transaction_id, account, kind, cluster, job_id, attempt, amount, estimate, description, created_at)
  SELECT CONCAT('hold:', cluster, ':', job_id, ':1'), account, 'HOLD', cluster, job_id, 1, amount, estimate,
         'hold carried over from the V1 ledger', created_at
  FROM ledger_entry WHERE kind = 'HOLD';

INSERT INTO budget_operation (transaction_id, account, kind, cluster, job_id, attempt, amount, estimate, hold_amount, overrun, description, detail, created_at)
  SELECT CONCAT('reconcile:', c.cluster, ':', c.job_id, ':1'), c.account, 'RECONCILE', c.cluster, c.job_id, 1,
         c.amount, h.estimate, COALESCE(r.amount, 0), c.amount > COALESCE(h.amount, 0),
         'reconciliation carried over from the V1 ledger', c.detail, c.created_at
  FROM ledger_entry c
  LEFT JOIN ledger_entry h ON h.kind = 'HOLD' AND h.cluster = c.cluster AND h.job_id = c.job_id
  LEFT JOIN ledger_entry r ON r.kind = 'RELEASE' AND r.cluster = c.cluster AND r.job_id = c.job_id
  WHERE c.kind = 'CHARGE';

INSERT INTO budget_operation (transaction_id, account, kind, cluster, job_id, attempt, amount, description, created_at)
  SELECT CONCAT('release:', r.cluster, ':', r.job_id, ':1'), r.account, 'RELEASE', r.cluster, r.job_id, 1, r.amount,
         'release carried over from the V1 ledger', r.created_at
  FROM ledger_entry r
  WHERE r.kind = 'RELEASE'
    AND NOT EXISTS (SELECT 1 FROM ledger_entry c WHERE c.kind = 'CHARGE' AND c.cluster = r.cluster AND c.job_id = r.job_id);

-- postings of the carried-over operations (the only operations so far)
INSERT INTO budget_posting (operation_id, account, bucket, amount)
  SELECT id, account, 'FUNDING', -amount FROM budget_operation WHERE kind = 'ALLOCATION'
  UNION ALL SELECT id, account, 'AVAILABLE', amount FROM budget_operation WHERE kind = 'ALLOCATION'
  UNION ALL SELECT id, account, 'AVAILABLE', -amount FROM budget_operation WHERE kind = 'HOLD'
  UNION ALL SELECT id, account, 'HELD', amount FROM budget_operation WHERE kind = 'HOLD'
  UNION ALL SELECT id, account, 'HELD', -amount FROM budget_operation WHERE kind = 'RELEASE'
  UNION ALL SELECT id, account, 'AVAILABLE', amount FROM budget_operation WHERE kind = 'RELEASE'
  UNION ALL SELECT id, account, 'HELD', -hold_amount FROM budget_operation WHERE kind = 'RECONCILE'
  UNION ALL SELECT id, account, 'AVAILABLE', hold_amount - amount FROM budget_operation WHERE kind = 'RECONCILE'
  UNION ALL SELECT id, account, 'USED', amount FROM budget_operation WHERE kind = 'RECONCILE';

UPDATE budget_account a SET
  used_amount = (SELECT COALESCE(SUM(p.amount), 0) FROM budget_posting p WHERE p.account = a.account AND p.bucket = 'USED'),
  held_amount = (SELECT COALESCE(SUM(p.amount), 0) FROM budget_posting p WHERE p.account = a.account AND p.bucket = 'HELD');
