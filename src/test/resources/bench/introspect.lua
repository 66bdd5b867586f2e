-- wrk script of the introspection benchmark: POSTs token=<value> to the introspection endpoint, taking the values in
-- turn from a file (one form-encoded body per line), and counts the answers that are not 200 with the expected
-- "active". Arguments after "--": the file, the expected text (e.g. "active":true), the Basic credentials.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  bodies = {}
  for line in io.lines(args[1]) do
    table.insert(bodies, line)
  end
  expected = args[2]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Authorization"] = "Basic " .. args[3]
  -- each thread starts at another place in the list, so that the values in use spread over the threads
  next_body = ((id - 1) * 7919) % #bodies
  failures = 0
  first_failure = ""
end

function request()
  next_body = (next_body % #bodies) + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, expected, 1, true) then
    failures = failures + 1
    if first_failure == "" then
      first_failure = status .. " " .. string.sub(body, 1, 200)
    end
  end
end

function done(summary, latency, requests)
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local first = ""
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    if first == "" then
      first = thread:get("first_failure")
    end
  end
  io.write(string.format("BENCH requests=%d micros=%d p50=%d p99=%d failures=%d first=%s\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(99), failed, first))
end
