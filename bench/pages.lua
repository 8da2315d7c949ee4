-- wrk script for bench/pages.py and stress/run.py. After "--": a mode, a file of
-- paths, one a line, and (optional) a tag that tells this run's cold URLs from
-- any earlier run's.
--   wrk -s bench/pages.lua http://127.0.0.1:PORT -- warm /tmp/paths.txt
--
-- warm: each thread cycles through the paths (usually one), as many readers
--       asking for the same page would.
-- cold: as warm, but each request also carries a query parameter no request
--       used before (cold=<tag>.<thread>.<n>). The page cache keys pages by their
--       full URL, so it can never answer one: every request is rendered from
--       the database (and then stored, as a real miss would be). The views
--       ignore the parameter. Given thousands of article paths, each one is
--       also a different row, as a crawler or a spread of readers would ask.
--
-- Every request says it came through the HTTPS proxy, and every status is
-- counted ("status 200: 1234" lines at the end), so a redirect or an error
-- page is never mistaken for the page (wrk itself only counts 4xx and 5xx).

local threads = {}
local created = 0

function setup(thread)
   thread:set("id", created)
   created = created + 1
   table.insert(threads, thread)
end

function init(args)
   mode = args[1]
   tag = args[3] or "0"
   paths = {}
   for line in io.lines(args[2]) do
      if line ~= "" then
         table.insert(paths, line)
      end
   end
   -- Threads start at different points of the list, so they do not ask in step.
   counter = (id * 7919) % #paths
   sent = 0
   statuses = {}
   wrk.headers["X-Forwarded-Proto"] = "https"
end

function request()
   counter = counter % #paths + 1
   local path = paths[counter]
   if mode == "cold" then
      sent = sent + 1
      local separator = path:find("?", 1, true) and "&" or "?"
      path = string.format("%s%scold=%s.%d.%d", path, separator, tag, id, sent)
   end
   return wrk.format("GET", path)
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
