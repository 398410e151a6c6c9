-- wrk script for "p99 at 70% of peak": every connection pauses BENCH_PAUSE_MS before each request,
-- so the load settles at a chosen rate (run.sh picks the number of connections that gives it) and
-- wrk's percentiles are of a server that is not saturated. wrk times each request from its send.
local pause = tonumber(os.getenv("BENCH_PAUSE_MS") or "0")

function delay()
  return pause
end
