// One process of the "one request per structure and year" race (tests/domain/refund-requests.test.ts):
// opens the shared database file, waits for the common start instant, creates, prints the result.
import { createRequest } from "@/lib/refunds/requests";

const { actor, input, startAt, now } = JSON.parse(process.env.RACE ?? "{}");
while (Date.now() < startAt) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
const result = createRequest(actor, input, { ip: null }, new Date(now));
process.stdout.write(JSON.stringify(result));
