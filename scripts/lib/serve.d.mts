export const SERVER_NODE_FLAGS: string[];
export function nextStartArgs(env?: Record<string, string | undefined>): {
  port: string;
  host: string;
  nodeFlags: string[];
  args: string[];
};
export function workerCount(
  env?: Record<string, string | undefined>,
  cores?: number,
): { count: number; error?: undefined } | { count?: undefined; error: string };
