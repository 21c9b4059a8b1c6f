-- wrk script: each request posts a new top-level comment as one of many guests, each from its own
-- address (X-Forwarded-For; Parley trusts 127.0.0.1 as a proxy by default), as a crowd of readers would.
-- Set by run.sh through the environment: PARLEY_BENCH_TOKENS (space-separated), PARLEY_BENCH_SITE,
-- PARLEY_BENCH_PAGE, and PARLEY_BENCH_BODIES: "wave" (the default: bodies differ only by a number, so every
-- comment after the third is also a spam wave to the repeat signal) or "varied" (each body 13 to 42 words
-- drawn from a news vocabulary, as a busy story's comments are: different texts, no wave).
local tokens = {}
for token in string.gmatch(os.getenv("PARLEY_BENCH_TOKENS"), "%S+") do
  tokens[#tokens + 1] = token
end
local site = os.getenv("PARLEY_BENCH_SITE")
local page = os.getenv("PARLEY_BENCH_PAGE")
local varied = os.getenv("PARLEY_BENCH_BODIES") == "varied"
local words = {}
for word in string.gmatch("the council vote budget housing river bridge school teachers parents report minister "
    .. "said would could never always because however reporter story article numbers data survey city night market "
    .. "prices energy winter summer election candidate debate policy court judge ruling appeal police station train "
    .. "delays airport flights weather storm flood rescue volunteers hospital doctors nurses waiting lists funding "
    .. "taxes rent landlords tenants students university research climate farmers harvest water drought fishing boats "
    .. "harbour museum library theatre festival music football match season coach players fans stadium tickets history "
    .. "memory family neighbours village town street traffic cyclists buses parking", "%a+") do
  words[#words + 1] = word
end
local counter = 0

local function text()
  if not varied then
    return "Benchmark comment number " .. counter .. " with a little **markdown** and a link https://example.org/" .. counter
  end
  local picked = {}
  for i = 1, 12 + math.random(30) do
    picked[i] = words[math.random(#words)]
  end
  return table.concat(picked, " ") .. " and **more** at https://example.org/" .. counter
end

request = function()
  counter = counter + 1
  local body = '{"page":"' .. page .. '","body":"' .. text() .. '","name":"Bench Reader"}'
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
