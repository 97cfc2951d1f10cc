// For the e2e tests (tests/e2e/payments.spec.ts): on the e2e server's database, a farm whose 2023
// request is built and transmitted through the real services, then accepted as « Accepter » writes
// it (tests/support/accepted-request.ts). Prints the farm's manager and the request.
import { eq } from "drizzle-orm";
import { agents } from "@/db/schema";
import { getDb } from "@/lib/db";
import { GOOD_PASSWORD } from "./accounts";
import { acceptAs, transmittedRequest } from "./accepted-request";

const { siret, instructorEmail, acceptedCents } = JSON.parse(process.env.ACCEPTED ?? "{}") as {
  siret: string;
  instructorEmail: string;
  acceptedCents: number;
};
async function main() {
  const now = new Date();
  const request = await transmittedRequest(siret, now);
  const instructor = getDb().select({ id: agents.id }).from(agents).where(eq(agents.email, instructorEmail)).get();
  if (!instructor) throw new Error(`Pas d'agent ${instructorEmail}`);
  acceptAs(instructor.id, request.requestId, acceptedCents, now);
  process.stdout.write(
    JSON.stringify({ email: request.user.loginEmail, password: GOOD_PASSWORD, requestId: request.requestId, reference: request.reference }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
