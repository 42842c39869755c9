/**
 * The benchmarks' HTTP client: raw HTTP/1.1 on keep-alive sockets, on a worker thread.
 *
 * Fairness on two cores: the server, the client and PostgreSQL share them, so whatever the client
 * spends is taken from the server. On its own thread the client has its own event loop (it never
 * waits on the server's), and on raw sockets, as wrk and autocannon do, it spends about 50 µs of CPU
 * per request instead of fetch's ~170 µs and more for each new connection. A separate process would
 * cost the same CPU and only add a second heap; a thread also lets the script read the server
 * thread's own CPU time (`/proc/self/task/<pid>/stat`).
 *
 * Two shapes of load:
 * - `loop`: `concurrency` connections, each sending the same request again as soon as the answer is
 *   in, until the deadline (throughput and latency under steady load);
 * - `burst`: one connection per request, all connected first, then every request written at once
 *   (a crowd arriving together, as Slack's deliveries of 200 slash commands would). Each connection
 *   is open before the clock starts, as Slack's pooled connections are.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Plain JavaScript for the worker thread. */
const WORKER = `
const net = require('node:net');
const { performance } = require('node:perf_hooks');
const { parentPort, workerData } = require('node:worker_threads');
const HEADER_END = Buffer.from('\\r\\n\\r\\n');
const CHUNKED = -2;

/** A chunked body from \`start\`: its bytes and where it ends, or null while incomplete (no trailers expected). */
function dechunk(buffer, start) {
  const parts = [];
  let at = start;
  for (;;) {
    const lineEnd = buffer.indexOf('\\r\\n', at, 'latin1');
    if (lineEnd < 0) return null;
    const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
    if (size === 0) {
      if (buffer.length < lineEnd + 4) return null;
      return { body: Buffer.concat(parts), end: lineEnd + 4 };
    }
    if (buffer.length < lineEnd + 2 + size + 2) return null;
    parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/**
 * A keep-alive connection that sends requests one after another: next() gives the request to send
 * after each answer (or null to stop). Resolves with the answers: latency, status, the last body.
 */
function connection(host, port, requests, onConnected) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    socket.setNoDelay(true);
    const answers = [];
    let pending = Buffer.alloc(0);
    let bodyLength = -1;
    let headerLength = 0;
    let status = 0;
    let started = 0;
    let last = null;
    const send = (request) => {
      started = performance.now();
      socket.write(request);
    };
    const finish = () => socket.end(() => resolve({ answers, body: last === null ? '' : last.toString('utf8') }));
    socket.on('connect', () => onConnected(send, finish));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        if (bodyLength < 0) {
          const end = pending.indexOf(HEADER_END);
          if (end < 0) return;
          const head = pending.toString('latin1', 0, end);
          status = Number(head.slice(9, 12));
          headerLength = end + HEADER_END.length;
          const length = /\\r\\ncontent-length: *(\\d+)/i.exec(head);
          if (length) bodyLength = Number(length[1]);
          else if (/\\r\\ntransfer-encoding: *chunked/i.test(head)) bodyLength = CHUNKED;
          else {
            reject(new Error('an answer without Content-Length or chunks: ' + head));
            return;
          }
        }
        let body;
        let consumed;
        if (bodyLength === CHUNKED) {
          const chunks = dechunk(pending, headerLength);
          if (chunks === null) return;
          body = chunks.body;
          consumed = chunks.end;
        } else {
          if (pending.length < headerLength + bodyLength) return;
          body = pending.subarray(headerLength, headerLength + bodyLength);
          consumed = headerLength + bodyLength;
        }
        answers.push({ ms: performance.now() - started, status });
        last = body;
        pending = pending.subarray(consumed);
        bodyLength = -1;
        const next = requests();
        if (next === null) {
          finish();
          return;
        }
        send(next);
      }
    });
  });
}

async function loop({ host, port, request, seconds, concurrency }) {
  const payload = Buffer.from(request, 'latin1');
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const next = () => (performance.now() < deadline ? payload : null);
  const results = await Promise.all(Array.from({ length: concurrency }, () => connection(host, port, next, (send) => send(payload))));
  return { answers: results.flatMap((r) => r.answers), elapsed: (performance.now() - started) / 1000, body: results[0] ? results[0].body : '' };
}

async function burst({ host, port, requests }) {
  const senders = [];
  let connected = 0;
  let fire = null;
  const ready = new Promise((resolve) => { fire = resolve; });
  const results = Promise.all(
    requests.map((request) =>
      connection(host, port, () => null, (send) => {
        senders.push(() => send(Buffer.from(request, 'latin1')));
        connected += 1;
        if (connected === requests.length) fire();
      }),
    ),
  );
  await ready;
  const started = performance.now();
  for (const send of senders) send();
  const done = await results;
  return { answers: done.flatMap((r) => r.answers), elapsed: (performance.now() - started) / 1000, body: done[0] ? done[0].body : '' };
}

(workerData.mode === 'loop' ? loop(workerData) : burst(workerData)).then(
  (result) => parentPort.postMessage(result),
  (error) => parentPort.postMessage({ error: String(error && error.stack || error) }),
);
`;

export interface LoadResult {
  /** One per answer: milliseconds from writing the request to the answer's last byte, and its status. */
  answers: Array<{ ms: number; status: number }>;
  /** Seconds from the first request to the last answer. */
  elapsed: number;
  /** The body of one answer, to check the server answered for real. */
  body: string;
}

function runWorker(data: object): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: data });
    worker.once('message', (message: LoadResult | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

/** A raw HTTP/1.1 request: method, path, headers and body as the wire carries them. */
export function rawRequest(url: URL, method: string, headers: Record<string, string>, body = ''): string {
  const lines = [`${method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, 'Connection: keep-alive'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body.length > 0 || method !== 'GET') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** `concurrency` clients sending `request` back to back for `seconds`. */
export function loadLoop(url: URL, request: string, options: { seconds: number; concurrency: number }): Promise<LoadResult> {
  return runWorker({ mode: 'loop', host: url.hostname, port: Number(url.port), request, ...options });
}

/** Every request at once, each on a connection opened beforehand. */
export function loadBurst(url: URL, requests: string[]): Promise<LoadResult> {
  return runWorker({ mode: 'burst', host: url.hostname, port: Number(url.port), requests });
}

/** CPU seconds this process's main thread (the server) has used, from /proc on Linux; null elsewhere. */
export function mainThreadCpuSeconds(): number | null {
  try {
    // Fields after the command name: state is 3rd, utime 14th, stime 15th (in clock ticks, 100 a second).
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
