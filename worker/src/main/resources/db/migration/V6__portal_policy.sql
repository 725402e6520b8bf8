-- The portal's and the escalation rule's reads: a project's jobs (the PI's view) and every
-- user's recent jobs (site-wide anonymous figures, advisory flags, the efficiency export) by
-- end time. Flags are worked out from job_analysis when asked, so they need no table of their
-- own and clear by themselves once a user's recent jobs do better.
ALTER TABLE job_analysis
  ADD KEY ix_analysis_account (cluster, account, end_time),
  ADD KEY ix_analysis_end (cluster, end_time);
