import "server-only";
import { getConfig } from "@/lib/config";
import { lookupInsee } from "./insee";
import { lookupLocal } from "./local";
import { lookupRechercheEntreprises } from "./recherche-entreprises";
import type { LookupResult } from "./types";

/** The one entry point: which directory answers is a matter of configuration (DIRECTORY_SOURCE). */
export async function lookup(siret: string): Promise<LookupResult> {
  switch (getConfig().directory.source) {
    case "insee":
      return lookupInsee(siret);
    case "recherche-entreprises":
      return lookupRechercheEntreprises(siret);
    default:
      return lookupLocal(siret);
  }
}
