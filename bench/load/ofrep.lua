-- wrk script: single OFREP evaluations, each with a different targeting key.
--   wrk -t2 -c64 -d15s --latency -s ofrep.lua http://127.0.0.1:5089
-- VEXIL_TOKEN (bearer token) and OFREP_FLAG (default load_split) come from the environment.
local token = os.getenv("VEXIL_TOKEN") or "vxl_load_admin"
local flag = os.getenv("OFREP_FLAG") or "load_split"

wrk.method = "POST"
wrk.path = "/ofrep/v1/evaluate/flags/" .. flag
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("id", thread_count)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  failures = 0
end

function request()
  counter = counter + 1
  -- Distinct keys per thread, so both sides of the 50% split are exercised.
  local body = '{"context":{"targetingKey":"User:' .. id .. "-" .. counter .. '"}}'
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
