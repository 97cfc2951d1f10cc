/** The milliseconds to add to the real clock so that Paris is on `day` (AAAA-MM-JJ) at the same time of day. */
export function offsetFor(day: string, realNow: number): number;
/** Shifts the global Date's "now" by `offset` (once per process; returns the offset in force). */
export function install(offset: number): number;
/** A `Set-Cookie` value with its Expires moved back by `offset`, to the machine's clock. */
export function cookieForBrowser(cookie: string, offset: number, shiftedNow?: number): string;
