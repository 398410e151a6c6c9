-- wrk script for "p99 at 70% of peak": every connection pauses before each request, so the load
-- settles at a chosen rate (run.sh picks the number of connections that gives it) and wrk's
-- percentiles are of a server that is not saturated. wrk times each request from its send.
--
-- The pauses are drawn at random (exponential, averaging BENCH_PAUSE_MS), not fixed. With a fixed
-- pause, wrk's millisecond timers put the connections whose answers came in the same millisecond
-- into lockstep: they send again in the same millisecond, and go on doing so, so the server is
-- handed bursts no real set of clients makes. Many connections each pausing at random add up to
-- arrivals close to a Poisson stream (an open system), which is what "a load of N req/s" means.
local pause = tonumber(os.getenv("BENCH_PAUSE_MS") or "0")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  -- each wrk thread its own sequence: two threads drawing the same pauses would fall into step
  math.randomseed(os.time() * 1000 + (thread_number or 0) * 7919)
end

function delay()
  return math.floor(-pause * math.log(1 - math.random()) + 0.5)
end
