import { FARGATE_CPU_VALUES, describeFargateMemory, fargateMemoryOptions } from '../../src/internal/fargate';

const range = (min: number, max: number, step: number) => Array.from({ length: (max - min) / step + 1 }, (_, i) => min + i * step);

describe('Fargate task sizes', () => {
  test('cpu values are the documented ones', () => {
    expect(FARGATE_CPU_VALUES).toEqual([256, 512, 1024, 2048, 4096, 8192, 16384]);
  });

  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
  test.each([
    [256, [512, 1024, 2048]],
    [512, range(1024, 4096, 1024)],
    [1024, range(2048, 8192, 1024)],
    [2048, range(4096, 16384, 1024)],
    [4096, range(8192, 30720, 1024)],
    [8192, range(16384, 61440, 4096)],
    [16384, range(32768, 122880, 8192)],
  ])('cpu %p allows exactly the documented memory values', (cpu, memory) => {
    expect(fargateMemoryOptions(cpu)).toEqual(memory);
  });

  test.each([0, 128, 300, 32768])('cpu %p is not a Fargate size', (cpu) => {
    expect(fargateMemoryOptions(cpu)).toBeUndefined();
  });

  test('returns a copy (callers cannot change the table)', () => {
    fargateMemoryOptions(256)!.push(4096);
    expect(fargateMemoryOptions(256)).toEqual([512, 1024, 2048]);
  });

  test('describes the allowed memory for a cpu value', () => {
    expect(describeFargateMemory(256)).toBe('memoryLimitMiB one of 512, 1024, 2048 for cpu 256');
    expect(describeFargateMemory(1024)).toBe('memoryLimitMiB 2048–8192 in 1024 MiB steps for cpu 1024');
    expect(describeFargateMemory(300)).toBe('cpu one of 256, 512, 1024, 2048, 4096, 8192, 16384');
  });
});
