-- wrk script: each request posts a new top-level comment as one guest.
-- Set by run.sh through the environment: PARLEY_BENCH_TOKEN, PARLEY_BENCH_SITE, PARLEY_BENCH_PAGE.
local token = os.getenv("PARLEY_BENCH_TOKEN")
local site = os.getenv("PARLEY_BENCH_SITE")
local page = os.getenv("PARLEY_BENCH_PAGE")
local counter = 0

request = function()
  counter = counter + 1
  local body = '{"page":"' .. page .. '","body":"Benchmark comment number ' .. counter .. ' with a little **markdown** and a link https://example.org/' .. counter .. '","name":"Bench Reader"}'
  return wrk.format("POST", "/api/v1/sites/" .. site .. "/comments",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

done = function(summary, latency, requests)
  io.write(string.format("posted: %d requests, %d errors (non-2xx %d), %.0f req/s, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
