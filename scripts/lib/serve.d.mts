export function nextStartArgs(env?: Record<string, string | undefined>): { port: string; host: string; args: string[] };
