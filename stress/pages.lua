-- wrk script for stress/run.py: cycles through the page paths given after "--",
-- as a reader behind the HTTPS proxy would ask for them, and counts each status.
--   wrk -s stress/pages.lua http://127.0.0.1:8301 -- /path/one/ /path/two/ ...

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   paths = args
   counter = math.random(#paths)
   statuses = {}
   wrk.headers["X-Forwarded-Proto"] = "https"
end

function request()
   counter = counter % #paths + 1
   return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local totals = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         totals[status] = (totals[status] or 0) + count
      end
   end
   for status, count in pairs(totals) do
      io.write(string.format("status %d: %d\n", status, count))
   end
end
