-- One sample of what Steward's Postgres sessions are doing, for bench/deliver.sh (run under
-- psql's \watch): a line per session that is not idle — running, waiting inside a transaction for
-- Steward's next statement, or waiting on a lock (a row or table lock with the table its statement
-- reads or writes; an advisory lock named: the audit chain's, a package's turn or a per-user one)
-- or on I/O — and a "sample" line per sample.
SELECT coalesce(a.wait_event_type || ':' || a.wait_event, 'running')
       || CASE WHEN a.wait_event = 'advisory' THEN
            (SELECT CASE WHEN l.objsubid = 2 AND l.classid = 1400138084 AND l.objid = 1
                           THEN '(audit chain)'
                         WHEN l.objsubid = 2 AND l.classid = 1400138086 THEN '(package turn)'
                         WHEN l.objsubid = 2 THEN '(two-key)'
                         ELSE '(per user)' END
             FROM pg_locks l
             WHERE l.pid = a.pid AND l.locktype = 'advisory' AND NOT l.granted LIMIT 1)
          ELSE '' END
       || CASE WHEN a.wait_event IN ('transactionid', 'tuple', 'relation') THEN ' on '
            || coalesce(substring(a.query from
                 '(?i)^\s*(?:select.*?\sfrom|update|insert\s+into|delete\s+from)\s+(\w+)'), '?')
          ELSE '' END
       || ' ' || a.state AS what
FROM pg_stat_activity a
WHERE a.datname = 'steward' AND a.backend_type = 'client backend'
  AND a.pid <> pg_backend_pid() AND a.state <> 'idle'
UNION ALL SELECT 'sample'
