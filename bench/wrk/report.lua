-- wrk script used by eng/bench.sh for every run: prints one machine-readable line at the end,
--   BENCH <requests/s> <p50 ms> <p99 ms> <requests> <non-2xx/3xx> <socket errors>
-- (wrk's own text output is kept in the log next to it).
function done(summary, latency, requests)
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
   io.write(string.format("BENCH %.1f %.3f %.3f %d %d %d\n",
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.errors.status, errors))
end
