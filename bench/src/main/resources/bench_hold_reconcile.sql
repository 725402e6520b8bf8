-- The floor: the statements HoldLedger runs for one hold and its reconciliation (see Journal,
-- AccountState, HoldRules), in the same order and as two transactions, but inside the server as
-- one stored procedure, so no client round trips, connection pool or Java are involved.
CREATE PROCEDURE bench_hold_reconcile(IN prefix VARCHAR(64), IN accounts INT)
BEGIN
  DECLARE acct VARCHAR(64);
  DECLARE st VARCHAR(16);
  DECLARE lim, used, held DECIMAL(14,4);
  DECLARE amt DECIMAL(14,4) DEFAULT 1.2000;
  DECLARE actual DECIMAL(14,4) DEFAULT 0.0005;
  DECLARE suffix VARCHAR(190);
  DECLARE op_id BIGINT;
  DECLARE found INT;
  DECLARE plim DECIMAL(14,4);
  -- the ledger runs at READ COMMITTED (LedgerTransactions); so does the floor
  SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;
  SET acct = CONCAT(prefix, FLOOR(RAND() * accounts));
  SET suffix = CONCAT('slap', UUID_SHORT(), ':1');

  -- hold
  START TRANSACTION;
  SELECT status, limit_amount, used_amount, held_amount INTO st, lim, used, held
    FROM budget_account WHERE account = acct FOR UPDATE;
  SELECT COUNT(*) INTO found FROM budget_operation WHERE transaction_id = CONCAT('hold:', suffix);
  SELECT COUNT(*) INTO plim FROM budget_partition_limit WHERE account = acct AND partition_name = 'cloud';
  IF found = 0 AND st = 'active' AND amt <= lim - used - held THEN
    INSERT INTO budget_operation (transaction_id, account, kind, cluster, job_id, attempt, partition_name,
        amount, estimate, hold_amount, overrun, description, detail)
      VALUES (CONCAT('hold:', suffix), acct, 'HOLD', 'slap', NULL, 1, 'cloud', amt, 1.0000, NULL, FALSE, 'floor hold', NULL);
    SET op_id = LAST_INSERT_ID();
    INSERT INTO budget_posting (operation_id, account, bucket, amount) VALUES (op_id, acct, 'AVAILABLE', -amt), (op_id, acct, 'HELD', amt);
    UPDATE budget_account SET limit_amount = limit_amount + 0, used_amount = used_amount + 0, held_amount = held_amount + amt WHERE account = acct;
    UPDATE budget_partition_limit SET used_amount = used_amount + 0, held_amount = held_amount + amt WHERE account = acct AND partition_name = 'cloud';
    SELECT id INTO op_id FROM budget_operation WHERE transaction_id = CONCAT('hold:', suffix);
    COMMIT;

    -- reconcile
    START TRANSACTION;
    SELECT id INTO op_id FROM budget_operation WHERE transaction_id = CONCAT('hold:', suffix);
    SELECT status INTO st FROM budget_account WHERE account = acct FOR UPDATE;
    SELECT COUNT(*) INTO found FROM budget_operation WHERE transaction_id = CONCAT('reconcile:', suffix);
    SELECT COUNT(*) INTO found FROM budget_operation WHERE transaction_id = CONCAT('release:', suffix);
    INSERT INTO budget_operation (transaction_id, account, kind, cluster, job_id, attempt, partition_name,
        amount, estimate, hold_amount, overrun, description, detail)
      VALUES (CONCAT('reconcile:', suffix), acct, 'RECONCILE', 'slap', NULL, 1, 'cloud', actual, 1.0000, amt, FALSE, 'floor reconcile', '{}');
    SET op_id = LAST_INSERT_ID();
    INSERT INTO budget_posting (operation_id, account, bucket, amount)
      VALUES (op_id, acct, 'HELD', -amt), (op_id, acct, 'AVAILABLE', amt - actual), (op_id, acct, 'USED', actual);
    UPDATE budget_account SET limit_amount = limit_amount + 0, used_amount = used_amount + actual, held_amount = held_amount - amt WHERE account = acct;
    UPDATE budget_partition_limit SET used_amount = used_amount + actual, held_amount = held_amount - amt WHERE account = acct AND partition_name = 'cloud';
    SELECT id INTO op_id FROM budget_operation WHERE transaction_id = CONCAT('reconcile:', suffix);
    COMMIT;
  ELSE
    COMMIT;
  END IF;
END
