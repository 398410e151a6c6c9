-- wrk script for the write benchmark: each connection delegates an access package manager
-- (POST roleAssignments) and then removes that assignment again (DELETE), alternately.
local ids = {}
local catalog = os.getenv("BENCH_CATALOG")
local auth = os.getenv("BENCH_AUTH")
local first = tonumber(os.getenv("BENCH_FIRST_USER"))
local span = tonumber(os.getenv("BENCH_USER_SPAN"))
local path = "/v1.0/roleManagement/entitlementManagement/roleAssignments"

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local headers = { ["Authorization"] = auth, ["Content-Type"] = "application/json" }
  if #ids > 0 then
    local id = table.remove(ids, 1)
    return wrk.format("DELETE", path .. "/" .. id, headers)
  end
  local user = string.format("2b000000-0000-4000-8000-%012d", first + math.random(0, span - 1))
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
  end
end

function done(summary, latency, requests)
  io.write(string.format("non2xx=%d\n", summary.errors.status))
end
