// One server process starting at the same instant as others (tests/domain/background-lease.test.ts):
// opens the shared database file, waits for the common start instant, then reads the local auth
// secret and tries the background lease, as lib/server-start.ts does; prints what it got.
import { holdLease, PROCESS_HOLDER } from "@/lib/background/lease";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";

const { startAt } = JSON.parse(process.env.RACE ?? "{}");
getDb();
while (Date.now() < startAt) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
const secret = getConfig().authSecret;
const holds = holdLease(PROCESS_HOLDER, 30_000);
process.stdout.write(JSON.stringify({ secret, holds, holder: PROCESS_HOLDER }));
