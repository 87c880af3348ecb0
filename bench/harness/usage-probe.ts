/**
 * Preloaded into every bench child (`node --require`): on exit, writes the
 * process's peak memory and CPU time to the file named by BENCH_USAGE_FILE.
 */
import * as fs from 'node:fs';

/** What the probe writes. */
export interface ChildUsage {
  readonly maxRssKiB: number;
  /** User + system CPU time. */
  readonly cpuMs: number;
}

const usageFile = process.env.BENCH_USAGE_FILE;
if (usageFile) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const report: ChildUsage = { maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
    fs.writeFileSync(usageFile, JSON.stringify(report));
  });
}
