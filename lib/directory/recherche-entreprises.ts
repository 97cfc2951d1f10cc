import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getJson } from "./http";
import { UNAVAILABLE_MESSAGE, published, type LookupResult } from "./types";

const establishment = z.object({
  siret: z.string(),
  adresse: z.string().nullish(),
  code_postal: z.string().nullish(),
  libelle_commune: z.string().nullish(),
  etat_administratif: z.string().nullish(),
  est_siege: z.boolean().nullish(),
  activite_principale: z.string().nullish(),
});

const answer = z.object({
  results: z.array(
    z.object({
      siren: z.string(),
      nom_complet: z.string().nullish(),
      nature_juridique: z.string().nullish(),
      siege: establishment.nullish(),
      matching_etablissements: z.array(establishment).nullish(),
    }),
  ),
});

/** The public « Recherche d'entreprises » API: GET /search?q=<siret>. */
export async function lookupRechercheEntreprises(siret: string): Promise<LookupResult> {
  const { rechercheEntreprisesUrl, timeoutMs } = getConfig().directory;
  const outcome = await getJson(`${rechercheEntreprisesUrl}/search?q=${siret}`, {}, timeoutMs);
  if (outcome.kind === "not-found") return { status: "unknown" };
  if (outcome.kind === "failed") {
    console.warn(`[annuaire] API Recherche d'entreprises indisponible : ${outcome.reason}`);
    return { status: "unavailable", message: UNAVAILABLE_MESSAGE };
  }
  const parsed = answer.safeParse(outcome.body);
  if (!parsed.success) return { status: "unavailable", message: UNAVAILABLE_MESSAGE };
  for (const company of parsed.data.results) {
    const candidates = [company.siege, ...(company.matching_etablissements ?? [])];
    const found = candidates.find((candidate) => candidate?.siret === siret);
    if (!found) continue;
    const postalCode = published(found.code_postal);
    const city = published(found.libelle_commune);
    // `adresse` is the full line: keep the street part only.
    const street = published(found.adresse?.replace(new RegExp(`\\s*${postalCode ?? ""}\\s*${city ?? ""}\\s*$`, "i"), ""));
    return {
      status: "found",
      establishment: {
        siret,
        siren: company.siren,
        name: published(company.nom_complet),
        street,
        complement: null,
        postalCode,
        city,
        nafCode: found.activite_principale ?? null,
        legalCategory: company.nature_juridique ?? null,
        isHeadOffice: found.est_siege ?? false,
        isActive: found.etat_administratif === "A",
      },
    };
  }
  return { status: "unknown" };
}
