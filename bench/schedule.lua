-- wrk script for bench/schedule.sh: GETs one path with a session cookie per request, taking the
-- cookies of a list (one signed-in person per line) in turn, so that the load is spread over many
-- people's sessions. wrk has no per-connection hook, so consecutive requests on one connection
-- carry different people's cookies; the server keeps no per-connection state for a session, so
-- the work per request is the same as with one person per connection.
-- Usage: wrk ... -s bench/schedule.lua http://127.0.0.1:PORT -- COOKIE_FILE PATH [ACCEPT_ENCODING]
-- ACCEPT_ENCODING, when given and not empty, is sent as the Accept-Encoding header, as a
-- browser sends it.
local requests = {}
local turn = 1

function init(args)
  assert(args[1] and args[2], "usage: -- COOKIE_FILE PATH [ACCEPT_ENCODING]")
  for cookie in io.lines(args[1]) do
    local headers = { ["Cookie"] = "hearth_session=" .. cookie }
    if args[3] and args[3] ~= "" then headers["Accept-Encoding"] = args[3] end
    -- Formatted once here: request() then only hands out strings.
    requests[#requests + 1] = wrk.format("GET", args[2], headers)
  end
  assert(#requests > 0, "no cookies in " .. args[1])
end

function request()
  local r = requests[turn]
  turn = turn % #requests + 1
  return r
end
