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
import { performance } from 'node:perf_hooks';

const [mode, ...args] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function subscribe(base, token, env, onEvent) {
  return new Promise((resolve, reject) => {
    const url = new URL(`/api/v1/environments/${env}/stream`, base);
    const request = http.get(url, { agent, headers: { Authorization: `Bearer ${token}` } }, response => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      let connected = false;
      response.on('data', chunk => {
        const now = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!connected && block.startsWith(': connected')) { connected = true; resolve(response); continue; }
          if (block.includes('event: change')) onEvent(now, block);
          if (block.includes('event: reset')) console.error('reset received:', block);
        }
      });
      response.on('end', () => { if (!connected) reject(new Error('stream ended before it was live')); });
    });
    request.on('error', reject);
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
  await openAll(subscribers, index => subscribe(streamUrl, token, env, (now, block) => {
    if (!block.includes(`"flag":"${flag}"`)) return;
    arrivals[index].push(now);
    delivered++;
    if (waiting && delivered >= waiting.target) waiting.resolve();
  }));
  console.log(`${subscribers} subscribers live on ${streamUrl}; writing ${writes} changes through ${writeUrl}`);
  const delays = [];
  let early = 0;
  for (let i = 0; i < writes; i++) {
    const target = (i + 1) * subscribers;
    const all = new Promise(resolve => { waiting = { target, resolve }; if (delivered >= target) resolve(); });
    const acknowledged = await write(writeUrl, token, env, flag, i % 2 === 0);
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`write ${i}: only ${delivered - i * subscribers} of ${subscribers} deliveries within 30 s`)), 30_000));
    await Promise.race([all, timeout]);
    for (const list of arrivals) {
      const delay = list[i] - acknowledged;
      if (delay < 0) early++;
      delays.push(Math.max(0, delay));
    }
  }
  delays.sort((a, b) => a - b);
  console.log(`deliveries ${delays.length} (${early} arrived before the write's acknowledgement, counted as 0 ms)`);
  console.log(`delay from acknowledgement: p50 ${percentile(delays, 50).toFixed(2)} ms, p99 ${percentile(delays, 99).toFixed(2)} ms, max ${delays[delays.length - 1].toFixed(2)} ms`);
  process.exit(0);
} else if (mode === 'idle') {
  const [streamUrl, token, env, subscribersText, holdText] = args;
  const subscribers = Number(subscribersText);
  await openAll(subscribers, () => subscribe(streamUrl, token, env, () => {}));
  console.log(`ready ${subscribers}`);
  setTimeout(() => process.exit(0), Number(holdText) * 1000);
} else {
  console.error('usage: node stream-subscribers.mjs fanout|idle ...');
  process.exit(2);
}
