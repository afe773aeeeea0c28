-- wrk script for the streaming endpoint: each request adds one message to one of 500 conversations.
-- wrk -t2 -c32 -d20s --latency -s bench/web/streaming.lua http://127.0.0.1:5000 (AMPARO_API_KEY in the environment)
local key = os.getenv("AMPARO_API_KEY")
local texts = { "hey how was school today", "lol same", "what games do you play", "are you alone right now",
  "dont tell anyone we talk ok", "send me a pic", "ok see you tomorrow", "haha thanks" }
local counter = 0

request = function()
  counter = counter + 1
  local path = "/api/v1/conversations/wrk" .. (counter % 500) .. "/messages"
  local body = '{"author":"user' .. (counter % 2) .. '","text":"' .. texts[(counter % #texts) + 1] .. '"}'
  return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors non2xx %d, rate %.0f/s, median %.2f ms, p99 %.2f ms\n",
    summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
