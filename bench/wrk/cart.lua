-- wrk script for eng/bench.sh's Cart rows (issue 5). eng/bench.sh writes a header in front of it and
-- appends report.lua (the BENCH line):
--   cart_mode    "add" (POST /api/carts/{id}/items) or "get" (GET /api/carts/{id})
--   cart_dir     folder holding carts.txt (one cart id per line, made by POST /api/carts) and
--                cart-items.txt (one JSON body {"productId":…,"variantId":…,"quantity":1} per line)
--   cart_threads wrk's -t
--   cart_lines   how many different items each cart cycles through (its number of lines)
--
-- Every thread owns the carts whose index i has i % cart_threads == its id and visits them round-robin,
-- so consecutive requests (and the requests in flight on one thread's connections) go to different carts:
-- the carts' row locks never make requests wait for each other. On its k-th visit cart i gets the item
-- (i + k % cart_lines) % #items: every cart ends with cart_lines lines, each added to evenly, and the carts
-- together use every item of the pool.
local nthreads = 0
function setup(thread)
   thread:set("tid", nthreads)
   nthreads = nthreads + 1
end

local carts = {}
local items = {}
local counter = 0
local post_headers = { ["Content-Type"] = "application/json" }

local function read_lines(path)
   local t = {}
   for line in io.lines(path) do
      if line ~= "" then t[#t + 1] = line end
   end
   return t
end

function init(args)
   local all = read_lines(cart_dir .. "/carts.txt")
   for i = 1, #all do
      if (i - 1) % cart_threads == tid then
         carts[#carts + 1] = { index = i - 1, path = "/api/carts/" .. all[i], items = "/api/carts/" .. all[i] .. "/items" }
      end
   end
   items = read_lines(cart_dir .. "/cart-items.txt")
   if #carts == 0 or #items == 0 then error("cart.lua: no carts or no items in " .. cart_dir) end
end

function request()
   local n = counter
   counter = counter + 1
   local cart = carts[(n % #carts) + 1]
   if cart_mode == "get" then
      return wrk.format("GET", cart.path)
   end
   local visit = math.floor(n / #carts)
   local body = items[((cart.index + visit % cart_lines) % #items) + 1]
   return wrk.format("POST", cart.items, post_headers, body)
end
