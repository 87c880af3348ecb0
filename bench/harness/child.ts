import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChildUsage } from './usage-probe';
import { BENCH_CONTEXT } from '../apps/environment';

/** One synthesis in a fresh `node` process. */
export interface ChildRun {
  /** Wall time of the child process, start to exit. */
  readonly wallMs: number;
  /** Peak resident set size of the child. */
  readonly maxRssKiB: number;
  /** User + system CPU time the child reported; less sensitive than wall time to other load on the machine. */
  readonly cpuMs: number;
  /** The cloud assembly directory (delete it with `fs.rmSync` when done). */
  readonly outdir: string;
}

/** GNU time is optional: without it the child's usage probe reports its peak memory. */
const GNU_TIME = fs.existsSync('/usr/bin/time')
  && spawnSync('/usr/bin/time', ['-v', 'true'], { encoding: 'utf8' }).stderr?.includes('Maximum resident set size') === true;

/** How the peak memory of a child is measured. */
export const MEMORY_METHOD = GNU_TIME ? 'max RSS by `/usr/bin/time -v`' : 'max RSS by `process.resourceUsage()` in the child';

/**
 * Runs `node <script> ...args` with a fresh CDK_OUTDIR and times it; `probe` is
 * the compiled `usage-probe.js`, preloaded to report peak memory and CPU time.
 * Throws with the child's stderr when it fails.
 */
export function runChild(probe: string, script: string, args: readonly string[]): ChildRun {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-microservices-bench-'));
  const usageFile = `${outdir}.usage.json`;
  const env = { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(BENCH_CONTEXT), BENCH_USAGE_FILE: usageFile };
  const command = [process.execPath, '--require', probe, script, ...args];
  const [file, ...fileArgs] = GNU_TIME ? ['/usr/bin/time', '-v', ...command] : command;

  const start = process.hrtime.bigint();
  const result = spawnSync(file, fileArgs, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;

  const usage = fs.existsSync(usageFile) ? JSON.parse(fs.readFileSync(usageFile, 'utf8')) as ChildUsage : undefined;
  fs.rmSync(usageFile, { force: true });
  if (result.status !== 0 || !usage) {
    fs.rmSync(outdir, { recursive: true, force: true });
    throw new ChildFailure(`node ${path.basename(script)} ${args.join(' ')} failed (exit ${result.status}):\n${head(result.stderr, 12)}`, result.stderr);
  }
  return { wallMs, maxRssKiB: gnuTimePeakMemory(result.stderr) ?? usage.maxRssKiB, cpuMs: usage.cpuMs, outdir };
}

/** A child that exited non-zero; `stderr` says why. */
export class ChildFailure extends Error {
  constructor(message: string, public readonly stderr: string) {
    super(message);
  }
}

function gnuTimePeakMemory(stderr: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return match ? Number(match[1]) : undefined;
}

function head(text: string, lines: number): string {
  return text.split('\n').slice(0, lines).join('\n');
}
