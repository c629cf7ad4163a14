#!/usr/bin/env node
// ONNX Runtime timing reference for bench_engine (tests/bench/ort/README.md): times forwards of
// an ONNX model made by export_bert.py with onnxruntime-node on the CPU and prints ONE JSON line
//   {"ms": [...], "median_ms": ..., "ort": "<version>", "threads": N, ...}
//
//   node time_ort.mjs --model FILE [--threads 2] [--warmup 1] [--iterations 3]
//                     [--compare OTHER.onnx] [--input X.bin --expect Y.bin]
//                     [--no-spin] [--optimized OUT.onnx] [--profile]
//   --threads N        intraOpNumThreads (interOpNumThreads is 1, execution sequential, all optimizations)
//   --compare OTHER    also run OTHER on the same input: "max_rel_error" = max|this-other| / max|other|
//   --input X.bin      raw little-endian float32 input instead of the seeded random one
//   --expect Y.bin     raw float32 expected output: "max_rel_error" = max|this-expected| / max|expected|
//   --no-spin          intra-op threads block instead of spinning while they wait
//   --optimized OUT    write the model as ORT optimized it (which kernels it fused)
//   --profile          ORT's profiler over the timed runs: "ops" = per op type, calls and ms per forward
// The random input is the same for every model of one shape (seed 0), so fp32 and int8 see the same data.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

function fail(msg) {
  console.log(JSON.stringify({ error: msg }));
  process.exit(1);
}

const args = { threads: 2, warmup: 1, iterations: 3 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; ++i) {
  const a = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) fail(`${a} needs a value`);
    return argv[++i];
  };
  if (a === '--model') args.model = value();
  else if (a === '--threads') args.threads = parseInt(value(), 10);
  else if (a === '--warmup') args.warmup = parseInt(value(), 10);
  else if (a === '--iterations') args.iterations = parseInt(value(), 10);
  else if (a === '--compare') args.compare = value();
  else if (a === '--input') args.input = value();
  else if (a === '--expect') args.expect = value();
  else if (a === '--optimized') args.optimized = value();
  else if (a === '--no-spin') args.noSpin = true;
  else if (a === '--profile') args.profile = true;
  else if (a === '--help' || a === '-h') {
    console.error(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\nimport ')[0]);
    process.exit(0);
  } else fail(`unknown argument ${a}`);
}
if (!args.model) fail('--model FILE is required');
if (!(args.threads >= 1) || !(args.warmup >= 0) || !(args.iterations >= 1)) fail('bad --threads/--warmup/--iterations');
for (const f of [args.model, args.compare, args.input, args.expect]) if (f && !fs.existsSync(f)) fail(`no such file: ${f}`);

let ort;
try {
  ort = require('onnxruntime-node');
} catch (e) {
  fail(`onnxruntime-node not installed (${e.code || e.message}): run scripts/deps-debian.sh bench`);
}
const version = ort.env.versions.node || ort.env.versions.common;

function sessionOptions(extra) {
  const o = {
    executionProviders: ['cpu'],
    intraOpNumThreads: args.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    ...extra,
  };
  if (args.noSpin) o.extra = { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } };
  return o;
}

// mulberry32 + Box-Muller: standard normal float32 values, reproducible from the seed.
function randomNormal(n, seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - next(), v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

function readFloats(file, n) {
  const b = fs.readFileSync(file);
  if (b.length !== 4 * n) fail(`${file}: ${b.length} bytes, expected ${4 * n} (float32 x ${n})`);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}

function maxRelError(a, b) {
  if (a.length !== b.length) fail(`outputs differ in size: ${a.length} and ${b.length}`);
  let diff = 0, ref = 0;
  for (let i = 0; i < a.length; ++i) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= diff)) diff = d; // NaN propagates
    ref = Math.max(ref, Math.abs(b[i]));
  }
  return diff / ref;
}

const median = (v) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];

let profilePrefix;
if (args.profile) profilePrefix = path.join(os.tmpdir(), `time_ort_${process.pid}`);
let session;
try {
  session = await ort.InferenceSession.create(args.model, sessionOptions({
    ...(args.optimized ? { optimizedModelFilePath: args.optimized } : {}),
    ...(args.profile ? { enableProfiling: true, profileFilePrefix: profilePrefix } : {}),
  }));
} catch (e) {
  fail(`onnxruntime could not load ${args.model}: ${e.message}`);
}
const inputName = session.inputNames[0], outputName = session.outputNames[0];
const meta = session.inputMetadata?.[0];
const dims = meta?.shape;
if (!dims || !dims.every((d) => typeof d === 'number' && d > 0)) fail(`${args.model}: input needs a fixed shape`);
const n = dims.reduce((x, y) => x * y, 1);
const x = new ort.Tensor('float32', args.input ? readFloats(args.input, n) : randomNormal(n, 0), dims);
const feeds = { [inputName]: x };

let y, result;
try {
  for (let i = 0; i < args.warmup; ++i) await session.run(feeds);
  const ms = [];
  for (let i = 0; i < args.iterations; ++i) {
    const t0 = process.hrtime.bigint();
    const r = await session.run(feeds);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    y = r[outputName];
  }
  result = { ms, median_ms: median(ms), ort: version, threads: args.threads };
} catch (e) {
  fail(`onnxruntime run failed: ${e.message}`);
}
result.model = path.basename(args.model);
result.input = args.input ? path.basename(args.input) : 'random-normal-seed0';
result.spin = !args.noSpin;

if (args.profile) {
  session.endProfiling();
  const dir = path.dirname(profilePrefix);
  const file = fs.readdirSync(dir).find((f) => f.startsWith(path.basename(profilePrefix)) && f.endsWith('.json'));
  if (file) {
    const events = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    fs.unlinkSync(path.join(dir, file));
    // the profiler is on from load: model_run events mark forwards, keep the node events of the timed ones
    const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run');
    const from = runs.length >= args.iterations ? runs[runs.length - args.iterations].ts : 0;
    const ops = {};
    for (const e of events) {
      if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.ts < from) continue;
      const op = e.args?.op_name || '?';
      ops[op] ??= { calls: 0, ms: 0 };
      ops[op].calls += 1 / args.iterations;
      ops[op].ms += e.dur / 1000 / args.iterations;
    }
    result.ops = Object.fromEntries(Object.entries(ops).sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, v]) => [k, { calls: Math.round(v.calls), ms: +v.ms.toFixed(2) }]));
  } else result.ops = 'no profile file written';
}

if (args.expect) result.max_rel_error = maxRelError(y.data, readFloats(args.expect, y.data.length));
if (args.compare) {
  await session.release?.();
  session = undefined;
  try {
    const other = await ort.InferenceSession.create(args.compare, sessionOptions({}));
    const z = (await other.run({ [other.inputNames[0]]: x }))[other.outputNames[0]];
    result.compare = path.basename(args.compare);
    result.max_rel_error = maxRelError(y.data, z.data);
  } catch (e) {
    result.compare_error = `could not run ${args.compare}: ${e.message}`;
  }
}
console.log(JSON.stringify(result));
