-- wrk script: cycle through the request paths listed in a file, one per line, and
-- print a JSON summary with latency percentiles (milliseconds) when the run ends.
--   wrk -t2 -c32 -d20s -s bench/latency.lua http://127.0.0.1:8000 -- bench/out/paths.txt [unique]
-- With "unique", every request gets its own `_n=` query parameter, so no response
-- cache keyed on the URL can answer it: the server does the whole work each time.

local paths = {}
local index = 0
local threads = 0
local unique = false
local sent = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  -- Threads start at different offsets so they do not ask for the same row in step.
  index = (thread_number * 37) % #paths
  unique = args[2] == "unique"
end

function request()
  index = index % #paths + 1
  if not unique then
    return wrk.format("GET", paths[index])
  end
  sent = sent + 1
  local glue = string.find(paths[index], "?", 1, true) and "&" or "?"
  return wrk.format("GET", paths[index] .. glue .. "_n=" .. thread_number .. "-" .. sent)
end

function done(summary, latency, requests)
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "rps": %.1f, "bytes": %d, ' ..
    '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "mean_ms": %.3f, ' ..
    '"errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
