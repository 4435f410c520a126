-- wrk script: bulk OFREP evaluations (every flag of the environment), cycling through 1,000 targeting keys, without
-- If-None-Match, so every request evaluates and writes the whole set.
--   wrk -t2 -c64 -d15s --latency -s ofrep-bulk.lua http://127.0.0.1:5089
-- VEXIL_TOKEN (bearer token) comes from the environment.
local token = os.getenv("VEXIL_TOKEN") or "vxl_load_admin"

wrk.method = "POST"
wrk.path = "/ofrep/v1/evaluate/flags"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  failures = 0
  bytes = 0
end

function request()
  counter = counter + 1
  local body = '{"context":{"targetingKey":"User:' .. (counter % 1000) .. '"}}'
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  io.write(string.format("non-200 answers: %d\n", failed))
end
