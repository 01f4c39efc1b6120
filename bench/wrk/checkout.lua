-- wrk script for eng/bench.sh's Checkout rows (issue 12). eng/bench.sh writes a header in front of it:
--   checkout_mode    "host" (POST /api/checkout on the host), "raw" (POST /bench/checkout on the raw baseline) or
--                    "steps" (POST /bench/checkout-steps on the raw baseline: the same checkout in the host's steps)
--   checkout_file    host: one cart id per line (each cart holds one line of one product of the pool);
--                    raw: one product id per line (the same pool, in the same order the carts were filled)
--   checkout_threads wrk's -t
--   checkout_run     a string unique to this wrk run (part of every Idempotency-Key)
--   checkout_token   host: the bench customer's access token
--   checkout_user    raw, steps: the bench customer's id
--
-- host: thread t owns the carts whose index i has i % checkout_threads == t and uses each ONCE, in order: every
-- request buys a fresh cart with a fresh Idempotency-Key (run-thread-counter). A thread that runs out of carts
-- wraps around (those requests answer 409 checkout.cart_empty) and counts them as "exhausted": eng/bench.sh
-- refuses such a run (BENCH_CHECKOUT_CARTS too low). raw: thread t's n-th request takes product
-- (n * checkout_threads + t) mod #pool: the pool round-robin, like the carts (cart i holds product i mod #pool).
-- Prints, at the end:
--   CHECKOUT <req/s> <p50 ms> <p95 ms> <p99 ms> <requests> <non-2xx/3xx> <socket errors> <exhausted>
--   STATUS <code>=<count> ...   (every answer that was not 2xx, by status)
local nthreads = 0
local threads = {}
function setup(thread)
   thread:set("tid", nthreads)
   nthreads = nthreads + 1
   table.insert(threads, thread)
end

local entries = {}
local counter = 0
local headers = {}
local codes = { 400, 401, 402, 404, 409, 422, 429, 500, 502, 503, 504 }

local function read_lines(path)
   local t = {}
   for line in io.lines(path) do
      if line ~= "" then t[#t + 1] = line end
   end
   return t
end

local address = '{"fullName":"Bench Customer","line1":"1 Main St","city":"San Francisco","region":"CA","postalCode":"94105","country":"US"}'
local payment = '{"provider":"test-card","details":{"cardNumber":"4242424242424242","expiry":"12/30","cvc":"123"}}'

function init(args)
   local all = read_lines(checkout_file)
   if checkout_mode == "host" then
      for i = 1, #all do
         if (i - 1) % checkout_threads == tid then entries[#entries + 1] = all[i] end
      end
      headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. checkout_token }
   else
      entries = all
      headers = { ["Content-Type"] = "application/json" }
   end
   if #entries == 0 then error("checkout.lua: nothing in " .. checkout_file) end
   exhausted = 0
   other = 0
   for _, c in ipairs(codes) do _G["s" .. c] = 0 end
end

function request()
   local n = counter
   counter = counter + 1
   if checkout_mode == "host" then
      if n >= #entries then exhausted = exhausted + 1 end
      local cart = entries[(n % #entries) + 1]
      headers["Idempotency-Key"] = string.format("%s-%d-%d", checkout_run, tid, n)
      local body = '{"cartId":"' .. cart .. '","shippingAddress":' .. address ..
         ',"shippingMethod":"standard","payment":' .. payment .. '}'
      return wrk.format("POST", "/api/checkout", headers, body)
   end
   local product = entries[((n * checkout_threads + tid) % #entries) + 1]
   local path = checkout_mode == "steps" and "/bench/checkout-steps" or "/bench/checkout"
   return wrk.format("POST", path, headers,
      '{"productId":"' .. product .. '","userId":"' .. checkout_user .. '"}')
end

function response(status, hdrs, body)
   if status >= 200 and status < 400 then return end
   local key = "s" .. status
   if _G[key] ~= nil then _G[key] = _G[key] + 1 else other = other + 1 end
end

function done(summary, latency, requests)
   local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
   local ex = 0
   local totals = {}
   local rest = 0
   for _, t in ipairs(threads) do
      ex = ex + t:get("exhausted")
      rest = rest + t:get("other")
      for _, c in ipairs(codes) do totals[c] = (totals[c] or 0) + t:get("s" .. c) end
   end
   io.write(string.format("CHECKOUT %.1f %.3f %.3f %.3f %d %d %d %d\n",
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      summary.requests, summary.errors.status, errors, ex))
   local parts = {}
   for _, c in ipairs(codes) do
      if totals[c] > 0 then parts[#parts + 1] = c .. "=" .. totals[c] end
   end
   if rest > 0 then parts[#parts + 1] = "other=" .. rest end
   io.write("STATUS " .. table.concat(parts, " ") .. "\n")
end
