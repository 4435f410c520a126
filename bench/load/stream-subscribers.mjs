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
// Settings for fanout: WARMUP (150 writes, not counted) and WARMUP_PAUSE_MS (5000) before measuring, WORKERS (2
// threads holding the subscribers), VERBOSE=1 (first and last arrival per write), SERVER_PIDS (comma-separated: print
// the servers' CPU while writing).
// idle: opens the subscribers, prints "ready <n>" when all are connected, and holds them for <holdSeconds>.
import http from 'node:http';
import fs from 'node:fs';
import net from 'node:net';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
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
      const arrived = now();
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
        onEvent(arrived);
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
      response.on('end', () => response.statusCode < 300 ? resolve(now()) : reject(new Error(`write answered ${response.statusCode}`)));
    });
    request.on('error', reject);
    request.end(body);
  });
}

// The absolute time in milliseconds, comparable between this process's threads (performance.now() is per thread).
const now = () => performance.timeOrigin + performance.now();

if (!isMainThread) {
  // A fan-out worker: holds subscribers [from, to) and writes each arrival's time into the shared arrays.
  const { streamUrl, token, env, flag, from, to, totalWrites, arrivalsBuffer, countsBuffer } = workerData;
  const arrivals = new Float64Array(arrivalsBuffer);
  const counts = new Int32Array(countsBuffer);
  const total = counts.length - 1;
  await openAll(to - from, offset => {
    const index = from + offset;
    return subscribe(streamUrl, token, env, flag, arrived => {
      const seen = counts[index];
      if (seen < totalWrites) arrivals[index * totalWrites + seen] = arrived;
      counts[index] = seen + 1;
      Atomics.add(counts, total, 1);
    });
  });
  parentPort.postMessage('ready');
} else if (mode === 'fanout') {
  const [streamUrl, writeUrl, token, env, subscribersText, writesText, flag] = args;
  const subscribers = Number(subscribersText);
  const writes = Number(writesText);
  // Warm-up (WARMUP writes, 150 by default, not counted, then a pause): a server just started compiles its hot paths
  // again at a higher tier in the background (.NET's tiered compilation promotes a method after 30 calls, so code that
  // runs once per write needs more than 30 writes), which on two cores takes one of them for seconds; the measurement
  // is of servers in their steady state, as in production, not of their JIT.
  const warmup = Number(process.env.WARMUP ?? 150);
  const totalWrites = warmup + writes;
  // The subscribers are spread over WORKERS threads (2 by default, one per core here): a thousand sockets readable
  // at once are otherwise read one after another by one thread, and the last one's delay measures this script.
  const workers = Math.max(1, Math.min(subscribers, Number(process.env.WORKERS ?? 2)));
  const arrivalsBuffer = new SharedArrayBuffer(8 * subscribers * totalWrites);
  const countsBuffer = new SharedArrayBuffer(4 * (subscribers + 1));
  const arrivals = new Float64Array(arrivalsBuffer);
  const counts = new Int32Array(countsBuffer);
  await Promise.all(Array.from({ length: workers }, (_, w) => new Promise((resolve, reject) => {
    const from = Math.floor((w * subscribers) / workers);
    const to = Math.floor(((w + 1) * subscribers) / workers);
    const worker = new Worker(new URL(import.meta.url), {
      argv: ['worker'],
      workerData: { streamUrl, token, env, flag, from, to, totalWrites, arrivalsBuffer, countsBuffer },
    });
    worker.on('message', resolve);
    worker.on('error', reject);
  })));
  console.log(`${subscribers} subscribers live on ${streamUrl} (${workers} threads); writing ${warmup} changes to warm up, then ${writes} measured, through ${writeUrl}`);
  const delays = [];
  let early = 0;
  // CPU seconds spent while writing, by this process and (SERVER_PIDS, comma-separated) by the servers: shows which
  // side of the measurement the fan-out's time goes to.
  const cpuOf = pid => { const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return [Number(fields[11]) / 100, Number(fields[12]) / 100]; };
  const serverPids = (process.env.SERVER_PIDS ?? '').split(',').filter(Boolean);
  let cpuBefore = null;
  for (let i = 0; i < totalWrites; i++) {
    if (i === warmup) {
      if (warmup > 0) await new Promise(resolve => setTimeout(resolve, Number(process.env.WARMUP_PAUSE_MS ?? 5000)));
      cpuBefore = { self: process.cpuUsage(), servers: serverPids.map(cpuOf), started: performance.now() };
    }
    const target = (i + 1) * subscribers;
    const acknowledged = await write(writeUrl, token, env, flag, i % 2 === 0);
    const deadline = performance.now() + 30_000;
    while (Atomics.load(counts, subscribers) < target) {
      if (performance.now() > deadline) throw new Error(`write ${i}: only ${Atomics.load(counts, subscribers) - i * subscribers} of ${subscribers} deliveries within 30 s`);
      await new Promise(resolve => setTimeout(resolve, 1));
    }
    if (i < warmup) continue;
    let first = Infinity;
    let last = -Infinity;
    for (let s = 0; s < subscribers; s++) {
      const delay = arrivals[s * totalWrites + i] - acknowledged;
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
