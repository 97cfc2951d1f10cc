import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { can } from "@/lib/access";
import { attachments } from "@/db/schema";
import type { Actor } from "@/lib/auth/sessions";
import { prepared } from "@/lib/prepared";
import { structureBySiret } from "./queries";
import { fullName } from "@/lib/names";

export type SearchResult =
  | {
      kind: "on-portal";
      structure: {
        id: number;
        name: string;
        siret: string;
        street: string | null;
        complement: string | null;
        postalCode: string | null;
        city: string | null;
      };
      managerName: string;
      /** The searcher is its gestionnaire principal. */
      isMine: boolean;
      mine: { attachmentId: number; status: "pending" | "approved" } | null;
    }
  | { kind: "not-on-portal"; siret: string };

const myLinkQuery = prepared((db) =>
  db
    .select({ attachmentId: attachments.id, status: attachments.status })
    .from(attachments)
    .where(
      and(
        eq(attachments.userId, sql.placeholder("userId")),
        eq(attachments.structureId, sql.placeholder("structureId")),
        inArray(attachments.status, ["pending", "approved"]),
      ),
    )
    .prepare(),
);

/** « Rechercher »: is this SIRET already a structure of the portal, and what is my link to it? */
export function searchStructure(actor: Actor, siret: string): SearchResult {
  const found = structureBySiret(siret);
  if (!found) return { kind: "not-on-portal", siret };
  const mine = myLinkQuery().get({ userId: actor.userId, structureId: found.structure.id });
  const s = found.structure;
  return {
    kind: "on-portal",
    structure: {
      id: s.id,
      name: s.name,
      siret: s.siret,
      street: s.street,
      complement: s.complement,
      postalCode: s.postalCode,
      city: s.city,
    },
    managerName: `${fullName(found.managerFirstName, found.managerLastName)}`,
    // The policy's reading: the person who may manage it is its gestionnaire principal.
    isMine: can(actor, "structure.manage", { structureId: s.id }),
    mine: mine ? { attachmentId: mine.attachmentId, status: mine.status as "pending" | "approved" } : null,
  };
}
