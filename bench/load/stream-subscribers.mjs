// SSE subscribers for the change-stream load scripts (run-stream-fanout.sh, run-stream-idle.sh). Plain Node 20, no
// packages: one process holds thousands of connections cheaply, which a C# client would do as well but with a JIT
// and a runtime competing for this 2-core machine's cores.
//
//   node stream-subscribers.mjs fanout <streamUrl> <writeUrl> <token> <env> <subscribers> <writes> <flag>
//   node stream-subscribers.mjs idle   <streamUrl> <token> <env> <subscribers> <holdSeconds>
//
// fanout: opens the subscribers on <streamUrl>, then makes <writes> writes one after another through the GitLab API on
// <writeUrl> (POST /api/v4/features/<flag>, value toggled, force=true) and, per subscriber, measures the delay from
// the write's HTTP acknowledgement to the arrival of its change event. Prints p50/p99/max over all deliveries.
// idle: opens the subscribers, prints "ready <n>" when all are connected, and holds them for <holdSeconds>.
import http from 'node:http';
import fs from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

const [mode, ...args] = process.argv.slice(2);

// onEvent(now) runs once per change event of `flag` (fanout) and is given the arrival time. The subscriber is a raw TCP
// socket speaking just enough HTTP/1.1, not Node's http client: with a thousand sockets readable at once Node runs the
// data callbacks one after another, so every microsecond spent per chunk (the http client's parser and stream layers
// cost tens) is a millisecond added to the last subscriber's measured delay, which would measure this script rather
// than the server. Chunks stay Buffers and are searched natively for the flag's name in the change's JSON (the
// chunked-encoding framing around it does not matter); the few bytes a chunk boundary could split are carried over.
function subscribe(base, token, env, flag, onEvent) {
  const url = new URL(`/api/v1/environments/${env}/stream`, base);
  const marker = Buffer.from(`"flag":"${flag ?? ''}"`);
  const connectedMarker = Buffer.from(': connected');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port || 80), url.hostname, () => {
      socket.setNoDelay(true);
      socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    let connected = false;
    let head = Buffer.alloc(0);
    let tail = Buffer.alloc(0);
    socket.on('data', chunk => {
      const now = performance.now();
      if (!connected) {
        head = Buffer.concat([head, chunk]);
        const headerEnd = head.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const status = head.subarray(0, head.indexOf('\r\n')).toString();
        if (!/^HTTP\/1\.1 200 /.test(status)) {
          reject(new Error(`stream answered ${status}: ${head.subarray(headerEnd + 4).toString().slice(0, 300)}`));
          socket.destroy();
          return;
        }
        const at = head.indexOf(connectedMarker, headerEnd);
        if (at < 0) return;
        connected = true;
        resolve(socket);
        chunk = head.subarray(at + connectedMarker.length);
        head = null;
      }
      if (flag === undefined) return;
      const text = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
      let from = 0;
      let found;
      while ((found = text.indexOf(marker, from)) >= 0) {
        onEvent(now);
        from = found + marker.length;
      }
      tail = text.subarray(Math.max(from, text.length - marker.length + 1));
      if (text.indexOf('event: reset') >= 0) console.error('reset received:', text.toString());
    });
    socket.on('error', reject);
    socket.on('close', () => { if (!connected) reject(new Error('stream closed before it was live')); });
  });
}

async function openAll(count, open) {
  const opened = [];
  // In waves, so the server's accept queue and the rate limiter see a steady trickle rather than one burst.
  for (let i = 0; i < count; i += 200) {
    const wave = [];
    for (let j = i; j < Math.min(count, i + 200); j++) wave.push(open(j));
    opened.push(...await Promise.all(wave));
  }
  return opened;
}

function percentile(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function write(base, token, env, flag, value) {
  const body = new URLSearchParams({ value: String(value), environment: env, force: 'true' }).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(`/api/v4/features/${flag}`, base), {
      method: 'POST',
      headers: { 'PRIVATE-TOKEN': token, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
    }, response => {
      response.resume();
      response.on('end', () => response.statusCode < 300 ? resolve(performance.now()) : reject(new Error(`write answered ${response.statusCode}`)));
    });
    request.on('error', reject);
    request.end(body);
  });
}

if (mode === 'fanout') {
  const [streamUrl, writeUrl, token, env, subscribersText, writesText, flag] = args;
  const subscribers = Number(subscribersText);
  const writes = Number(writesText);
  const arrivals = Array.from({ length: subscribers }, () => []);
  let waiting = null;
  let delivered = 0;
  await openAll(subscribers, index => subscribe(streamUrl, token, env, flag, now => {
    arrivals[index].push(now);
    delivered++;
    if (waiting && delivered >= waiting.target) waiting.resolve();
  }));
  console.log(`${subscribers} subscribers live on ${streamUrl}; writing ${process.env.WARMUP ?? 30} changes to warm up, then ${writes} measured, through ${writeUrl}`);
  const delays = [];
  let early = 0;
  // CPU seconds spent while writing, by this process and (SERVER_PIDS, comma-separated) by the servers: shows which
  // side of the measurement the fan-out's time goes to.
  const cpuOf = pid => { const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return [Number(fields[11]) / 100, Number(fields[12]) / 100]; };
  const serverPids = (process.env.SERVER_PIDS ?? '').split(',').filter(Boolean);
  // Warm-up (WARMUP writes, 30 by default, not counted, then a pause): a server just started compiles its hot paths
  // again at a higher tier in the background (.NET's tiered compilation), which on two cores takes one of them for
  // seconds; the measurement is of a server in its steady state, as in production, not of its JIT.
  const warmup = Number(process.env.WARMUP ?? 30);
  let cpuBefore = null;
  for (let i = 0; i < warmup + writes; i++) {
    if (i === warmup) {
      if (warmup > 0) await new Promise(resolve => setTimeout(resolve, Number(process.env.WARMUP_PAUSE_MS ?? 3000)));
      cpuBefore = { self: process.cpuUsage(), servers: serverPids.map(cpuOf), started: performance.now() };
    }
    const target = (i + 1) * subscribers;
    const all = new Promise(resolve => { waiting = { target, resolve }; if (delivered >= target) resolve(); });
    const acknowledged = await write(writeUrl, token, env, flag, i % 2 === 0);
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`write ${i}: only ${delivered - i * subscribers} of ${subscribers} deliveries within 30 s`)), 30_000));
    await Promise.race([all, timeout]);
    if (i < warmup) continue;
    let first = Infinity;
    let last = -Infinity;
    for (const list of arrivals) {
      const delay = list[i] - acknowledged;
      if (delay < 0) early++;
      delays.push(Math.max(0, delay));
      first = Math.min(first, delay);
      last = Math.max(last, delay);
    }
    // VERBOSE=1: per write, when its first and last subscriber heard of it. A late first delivery points at the way
    // the change travels between replicas; a wide spread points at the fan-out (or at this process).
    if (process.env.VERBOSE) console.log(`write ${i}: first ${first.toFixed(2)} ms, last ${last.toFixed(2)} ms`);
  }
  const cpuSelf = process.cpuUsage(cpuBefore.self);
  const wall = (performance.now() - cpuBefore.started) / 1000;
  console.log(`cpu while writing (${wall.toFixed(1)} s): subscribers ${((cpuSelf.user + cpuSelf.system) / 1e6).toFixed(2)} s` +
    serverPids.map((pid, i) => { const [user, system] = cpuOf(pid); return `, server ${pid} ${(user - cpuBefore.servers[i][0]).toFixed(2)} s user + ${(system - cpuBefore.servers[i][1]).toFixed(2)} s system`; }).join(''));
  delays.sort((a, b) => a - b);
  console.log(`deliveries ${delays.length} (${early} arrived before the write's acknowledgement, counted as 0 ms)`);
  console.log(`delay from acknowledgement: p50 ${percentile(delays, 50).toFixed(2)} ms, p99 ${percentile(delays, 99).toFixed(2)} ms, max ${delays[delays.length - 1].toFixed(2)} ms`);
  process.exit(0);
} else if (mode === 'idle') {
  const [streamUrl, token, env, subscribersText, holdText] = args;
  const subscribers = Number(subscribersText);
  await openAll(subscribers, () => subscribe(streamUrl, token, env, undefined, () => {}));
  console.log(`ready ${subscribers}`);
  setTimeout(() => process.exit(0), Number(holdText) * 1000);
} else {
  console.error('usage: node stream-subscribers.mjs fanout|idle ...');
  process.exit(2);
}
