-- wrk script: bulk OFREP evaluations (every flag of the environment), cycling through 1,000 targeting keys, without
-- If-None-Match, so every request evaluates and writes the whole set.
--   wrk -t2 -c64 -d15s --latency -s ofrep-bulk.lua http://127.0.0.1:5089
-- VEXIL_TOKEN (bearer token) comes from the environment; ACCEPT_ENCODING (e.g. "br" or "gzip"), when set, asks for a
-- compressed answer. Requests are formatted once in init() and cycled; wrk
-- itself reports any non-2xx/3xx answers.
local token = os.getenv("VEXIL_TOKEN") or "vxl_load_admin"
local keys = 1000

function init(args)
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  local accept_encoding = os.getenv("ACCEPT_ENCODING")
  if accept_encoding and accept_encoding ~= "" then
    headers["Accept-Encoding"] = accept_encoding
  end
  requests = {}
  for i = 1, keys do
    local body = '{"context":{"targetingKey":"User:' .. i .. '"}}'
    requests[i] = wrk.format("POST", "/ofrep/v1/evaluate/flags", headers, body)
  end
  next_request = 0
end

function request()
  next_request = next_request % keys + 1
  return requests[next_request]
end
