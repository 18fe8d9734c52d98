-- A POST body, for rows that send one (chat_ack): WRK_METHOD and the body's file from the environment.
local method = os.getenv("WRK_METHOD")
if method then wrk.method = method end
local body_file = os.getenv("WRK_BODY_FILE")
if body_file then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
end

-- wrk's end-of-run hook: one JSON line the bench reads, in place of wrk's text report.
-- Durations and latencies are in microseconds, as wrk keeps them.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
