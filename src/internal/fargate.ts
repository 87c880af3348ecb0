/**
 * Valid Fargate task sizes.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
interface MemoryRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Explicit values, when the range is not a step sequence. */
  readonly values?: readonly number[];
}

const FARGATE_TASK_SIZES: { readonly [cpu: number]: MemoryRange } = {
  256: { min: 512, max: 2048, step: 1024, values: [512, 1024, 2048] },
  512: { min: 1024, max: 4096, step: 1024 },
  1024: { min: 2048, max: 8192, step: 1024 },
  2048: { min: 4096, max: 16384, step: 1024 },
  4096: { min: 8192, max: 30720, step: 1024 },
  8192: { min: 16384, max: 61440, step: 4096 },
  16384: { min: 32768, max: 122880, step: 8192 },
};

/** The valid cpu values. */
export const FARGATE_CPU_VALUES: readonly number[] = Object.keys(FARGATE_TASK_SIZES).map(Number);

/** Valid memory values (MiB) for a cpu value, or undefined when the cpu value is invalid. */
export function fargateMemoryOptions(cpu: number): number[] | undefined {
  const range = FARGATE_TASK_SIZES[cpu];
  if (!range) {
    return undefined;
  }
  if (range.values) {
    return [...range.values];
  }
  const options: number[] = [];
  for (let m = range.min; m <= range.max; m += range.step) {
    options.push(m);
  }
  return options;
}

/** Describes the memory allowed for a cpu value: `1024–8192 MiB in 1024 MiB steps`. */
export function describeFargateMemory(cpu: number): string {
  const range = FARGATE_TASK_SIZES[cpu];
  if (!range) {
    return `cpu one of ${FARGATE_CPU_VALUES.join(', ')}`;
  }
  return range.values
    ? `memoryLimitMiB one of ${range.values.join(', ')} for cpu ${cpu}`
    : `memoryLimitMiB ${range.min}–${range.max} in ${range.step} MiB steps for cpu ${cpu}`;
}
