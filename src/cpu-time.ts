/**
 * CPU seconds this process spent (user + system, every thread) since `start`
 * (a `process.cpuUsage()` reading). On a shared machine wall-clock rates
 * measure the neighbours; rates per CPU-second measure our code.
 */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}
