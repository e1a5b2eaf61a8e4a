/**
 * Valid Fargate Linux task sizes.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html
 * (8192 and 16384 CPU units need platform version 1.4.0+).
 */

/** The CPU architectures of Fargate Linux tasks (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-arm64.html). */
export type CpuArchitecture = "ARM64" | "X86_64";

function range(from: number, to: number, step: number): number[] {
  return Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);
}

/** CPU units -> the memory sizes (MiB) Fargate accepts with it. */
export const FARGATE_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
]);

export const FARGATE_CPU_VALUES: readonly number[] = [...FARGATE_SIZES.keys()];

export function validMemoryFor(cpu: number): readonly number[] {
  return FARGATE_SIZES.get(cpu) ?? [];
}

export function isValidFargateSize(cpu: number, memory: number): boolean {
  return validMemoryFor(cpu).includes(memory);
}

/** Every valid (cpu, memory) pair, smallest first: the optimizer's search space. */
export function allFargateSizes(): { cpu: number; memory: number }[] {
  return FARGATE_CPU_VALUES.flatMap((cpu) => validMemoryFor(cpu).map((memory) => ({ cpu, memory })));
}

export function vcpuOf(cpuUnits: number): number {
  return cpuUnits / 1024;
}

export function gbOf(memoryMiB: number): number {
  return memoryMiB / 1024;
}
