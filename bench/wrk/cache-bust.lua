-- Appended to report.lua by eng/bench.sh for the informational "cache miss + store" row: every request
-- gets a query parameter never seen before (the catalog's output-cache policy varies by every query
-- key), so the output cache misses, runs the handler, and then stores the response.
local threads = 0
function setup(thread)
   threads = threads + 1
   thread:set("tid", threads)
end

local n = 0
local run = tostring(os.time())
function request()
   n = n + 1
   local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
   return wrk.format(nil, wrk.path .. sep .. "nocache=" .. run .. "-" .. tostring(tid) .. "-" .. n)
end
