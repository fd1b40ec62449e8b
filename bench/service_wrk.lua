-- wrk's side of bench/service.sh: each request reads one operator's status or one of its
-- assessments with that operator's own token, going round the targets that
-- `service_load --targets FILE` wrote ("TOKEN PATH" per line). Usage:
--   wrk -t2 -c200 -d10s --latency -s bench/service_wrk.lua URL -- FILE
local targets = {}
local next_target = 0

function init(args)
  for line in io.lines(args[1]) do
    local token, path = line:match("^(%S+) (%S+)$")
    if token then targets[#targets + 1] = { path, { ["Authorization"] = "Bearer " .. token } } end
  end
  if #targets == 0 then error("no targets in " .. tostring(args[1])) end
  -- Threads start at different places, so they do not read the same row in step.
  next_target = math.random(#targets) - 1
end

function request()
  next_target = next_target % #targets + 1
  local target = targets[next_target]
  return wrk.format("GET", target[1], target[2])
end
