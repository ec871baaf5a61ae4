// A client in its own process for bench:findings: requests the given URLs in turn, the next one
// `intervalMs` after the previous answer (so a slow server is not buried under its own backlog),
// and on "stop" reports each request's latency. Being another process, its clock keeps running while the
// server's event loop is busy, so the latencies include any time a request waited to be served.
import http from "node:http";

const [urlsJson, intervalText] = process.argv.slice(2);
const urls = JSON.parse(urlsJson);
const intervalMs = Number(intervalText);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const samples = [];
let failures = 0;
let inFlight = 0;
let i = 0;

let isStopped = false;
let timer;

function request(url) {
  const started = performance.now();
  inFlight++;
  const next = () => {
    inFlight--;
    if (!isStopped) timer = setTimeout(() => request(urls[i++ % urls.length]), intervalMs);
  };
  const req = http.get(url, { agent }, (res) => {
    res.resume();
    res.on("end", () => {
      if (res.statusCode === 200) samples.push({ url, ms: performance.now() - started });
      else failures++;
      next();
    });
  });
  req.on("error", () => {
    failures++;
    next();
  });
}

request(urls[i++ % urls.length]);

process.on("message", async (message) => {
  if (message !== "stop") return;
  isStopped = true;
  clearTimeout(timer);
  // answers still on their way count too: they are the slowest ones
  const deadline = Date.now() + 60_000;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  process.send({ samples, failures, unanswered: inFlight }, () => process.exit(0));
});
