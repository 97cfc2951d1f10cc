// For the resilience suite's fuzzing (issue 20): on its server's database, farms whose 2023 requests
// are built and transmitted through the real services; some then accepted as « Accepter » writes it
// (tests/support/accepted-request.ts). Prints the requests' ids.
import { eq } from "drizzle-orm";
import { agents } from "@/db/schema";
import { getDb } from "@/lib/db";
import { acceptAs, transmittedRequest } from "./accepted-request";

const { transmitted, accepted, instructorEmail } = JSON.parse(process.env.INSTRUCTION_WORLD ?? "{}") as {
  transmitted: string[];
  accepted: string[];
  instructorEmail: string;
};

async function main() {
  const now = new Date();
  const instructor = getDb().select({ id: agents.id }).from(agents).where(eq(agents.email, instructorEmail)).get();
  if (!instructor) throw new Error(`Pas d'agent ${instructorEmail}`);
  const transmittedIds = [];
  for (const siret of transmitted) transmittedIds.push((await transmittedRequest(siret, now)).requestId);
  const acceptedIds = [];
  for (const siret of accepted) {
    const request = await transmittedRequest(siret, now);
    acceptAs(instructor.id, request.requestId, 149_600, now);
    acceptedIds.push(request.requestId);
  }
  process.stdout.write(JSON.stringify({ transmittedIds, acceptedIds }));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
