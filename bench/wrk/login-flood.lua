-- wrk script for eng/bench.sh's Users section: POST /api/users/login with a wrong password for a
-- different, unknown e-mail on every request (so the per-account lock-out never kicks in and every request
-- costs a full password hash: the worst case for the server). Prints the BENCH line of report.lua, plus
-- the count of 429 answers (requests turned away by the hashing queue or the rate limiter).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   thread_id = id
   rejected = 0
   unauthorized = 0
end

function request()
   counter = counter + 1
   local body = string.format('{"email":"nobody-%d-%d@bench.example.com","password":"wrong-password-1"}', thread_id, counter)
   return wrk.format("POST", "/api/users/login", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
   if status == 429 then rejected = rejected + 1 elseif status == 401 then unauthorized = unauthorized + 1 end
end

function done(summary, latency, requests)
   local r, u = 0, 0
   for _, t in ipairs(threads) do
      r = r + t:get("rejected")
      u = u + t:get("unauthorized")
   end
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
   io.write(string.format("BENCH %.1f %.3f %.3f %d %d %d\n",
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.errors.status, errors))
   io.write(string.format("LOGIN %d %d\n", u, r))
end
