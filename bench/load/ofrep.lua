-- wrk script: single OFREP evaluations, each with a different targeting key.
--   wrk -t2 -c64 -d15s --latency -s ofrep.lua http://127.0.0.1:5089
-- VEXIL_TOKEN (bearer token) and OFREP_FLAG (default load_split) come from the environment.
-- Requests are formatted once in init() and cycled, so wrk spends its CPU on sending, not on Lua string building
-- (wrk shares the machine with the server). wrk itself reports any non-2xx/3xx answers.
local token = os.getenv("VEXIL_TOKEN") or "vxl_load_admin"
local flag = os.getenv("OFREP_FLAG") or "load_split"
local keys_per_thread = 20000

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("id", thread_count)
end

function init(args)
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  local path = "/ofrep/v1/evaluate/flags/" .. flag
  requests = {}
  for i = 1, keys_per_thread do
    -- Distinct keys per thread, so both sides of the 50% split are exercised.
    local body = '{"context":{"targetingKey":"User:' .. id .. "-" .. i .. '"}}'
    requests[i] = wrk.format("POST", path, headers, body)
  end
  next_request = 0
end

function request()
  next_request = next_request % keys_per_thread + 1
  return requests[next_request]
end
