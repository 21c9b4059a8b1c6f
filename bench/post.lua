-- wrk script: each request posts a new top-level comment as one of many guests, each from its own
-- address (X-Forwarded-For; Parley trusts 127.0.0.1 as a proxy by default), as a crowd of readers would.
-- Set by run.sh through the environment: PARLEY_BENCH_TOKENS (space-separated), PARLEY_BENCH_SITE,
-- PARLEY_BENCH_PAGE.
local tokens = {}
for token in string.gmatch(os.getenv("PARLEY_BENCH_TOKENS"), "%S+") do
  tokens[#tokens + 1] = token
end
local site = os.getenv("PARLEY_BENCH_SITE")
local page = os.getenv("PARLEY_BENCH_PAGE")
local counter = 0

request = function()
  counter = counter + 1
  local body = '{"page":"' .. page .. '","body":"Benchmark comment number ' .. counter .. ' with a little **markdown** and a link https://example.org/' .. counter .. '","name":"Bench Reader"}'
  local address = "10." .. (math.floor(counter / 65536) % 256) .. "." .. (math.floor(counter / 256) % 256) .. "." .. (counter % 256)
  return wrk.format("POST", "/api/v1/sites/" .. site .. "/comments",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[counter % #tokens + 1],
     ["X-Forwarded-For"] = address}, body)
end

done = function(summary, latency, requests)
  io.write(string.format("posted: %d requests, %d errors (non-2xx %d), %.0f req/s, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
