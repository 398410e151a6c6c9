-- wrk script for the write benchmark: delegate an access package manager (POST roleAssignments),
-- then remove that assignment again (DELETE), alternately. Conflict-free by construction: each wrk
-- thread has its own share of the users and walks it in order, so no two requests in flight name
-- the same user; any non-2xx is a real error, and done() prints every status that was not 2xx.
local ids = {}
local catalog = os.getenv("BENCH_CATALOG")
local auth = os.getenv("BENCH_AUTH")
local first = tonumber(os.getenv("BENCH_FIRST_USER"))
local span = tonumber(os.getenv("BENCH_USER_SPAN"))
local path = "/v1.0/roleManagement/entitlementManagement/roleAssignments"
local threads = {}
local counter = 0
statuses = {}

function setup(thread)
  thread:set("slot", #threads)
  table.insert(threads, thread)
end

-- A thread does not see how many threads there are; BENCH_THREADS says (run.sh runs wrk -t2). The
-- warm-up (BENCH_WARMUP) takes the upper half of each share, the measurement the lower, so that
-- the assignments a stopped warm-up leaves behind never meet the measurement.
function init(args)
  share = math.floor(span / tonumber(os.getenv("BENCH_THREADS") or "2") / 2)
  base = first + slot * share * 2
  if os.getenv("BENCH_WARMUP") then
    base = base + share
  end
end

function request()
  local headers = { ["Authorization"] = auth, ["Content-Type"] = "application/json" }
  if #ids > 0 then
    local id = table.remove(ids, 1)
    return wrk.format("DELETE", path .. "/" .. id, headers)
  end
  local user = string.format("2b000000-0000-4000-8000-%012d", base + counter % share)
  counter = counter + 1
  local body = '{"principalId":"' .. user .. '","roleDefinitionId":"7f480852-ebdc-47d4-87de-0d8498384a83",'
    .. '"appScopeId":"/AccessPackageCatalog/' .. catalog .. '"}'
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 201 then
    local id = body:match('"id":"([^"]+)"')
    if id then
      table.insert(ids, id)
    end
  elseif status < 200 or status > 299 then
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local all = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    if s then
      for code, n in pairs(s) do all[code] = (all[code] or 0) + n end
    end
  end
  for code, n in pairs(all) do io.write(string.format("status %d %d\n", code, n)) end
  io.write(string.format("non2xx=%d\n", summary.errors.status))
end
