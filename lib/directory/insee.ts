import "server-only";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { getJson } from "./http";
import { UNAVAILABLE_MESSAGE, personName, published, streetLine, type LookupResult } from "./types";

/** The parts of INSEE's Sirene 3.11 answer (GET /siret/{siret}) that the portal uses. */
const answer = z.object({
  etablissement: z.object({
    siren: z.string(),
    siret: z.string(),
    etablissementSiege: z.boolean().nullish(),
    uniteLegale: z
      .object({
        denominationUniteLegale: z.string().nullish(),
        nomUniteLegale: z.string().nullish(),
        prenom1UniteLegale: z.string().nullish(),
        prenomUsuelUniteLegale: z.string().nullish(),
        categorieJuridiqueUniteLegale: z.string().nullish(),
        activitePrincipaleUniteLegale: z.string().nullish(),
      })
      .nullish(),
    adresseEtablissement: z
      .object({
        numeroVoieEtablissement: z.string().nullish(),
        indiceRepetitionEtablissement: z.string().nullish(),
        typeVoieEtablissement: z.string().nullish(),
        libelleVoieEtablissement: z.string().nullish(),
        complementAdresseEtablissement: z.string().nullish(),
        codePostalEtablissement: z.string().nullish(),
        libelleCommuneEtablissement: z.string().nullish(),
      })
      .nullish(),
    periodesEtablissement: z
      .array(
        z.object({
          dateFin: z.string().nullish(),
          etatAdministratifEtablissement: z.string().nullish(),
          activitePrincipaleEtablissement: z.string().nullish(),
          enseigne1Etablissement: z.string().nullish(),
          denominationUsuelleEtablissement: z.string().nullish(),
        }),
      )
      .nullish(),
  }),
});

export async function lookupInsee(siret: string): Promise<LookupResult> {
  const { inseeApiUrl, inseeApiKey, timeoutMs } = getConfig().directory;
  const outcome = await getJson(`${inseeApiUrl}/siret/${siret}`, { "X-INSEE-Api-Key-Integration": inseeApiKey ?? "" }, timeoutMs);
  if (outcome.kind === "not-found") return { status: "unknown" };
  if (outcome.kind === "failed") {
    console.warn(`[annuaire] API INSEE indisponible : ${outcome.reason}`);
    return { status: "unavailable", message: UNAVAILABLE_MESSAGE };
  }
  const parsed = answer.safeParse(outcome.body);
  if (!parsed.success) return { status: "unavailable", message: UNAVAILABLE_MESSAGE };
  const e = parsed.data.etablissement;
  const unit = e.uniteLegale;
  const address = e.adresseEtablissement;
  const current = e.periodesEtablissement?.find((period) => !period.dateFin) ?? e.periodesEtablissement?.[0];
  return {
    status: "found",
    establishment: {
      siret: e.siret,
      siren: e.siren,
      name:
        published(unit?.denominationUniteLegale) ??
        personName(unit?.prenomUsuelUniteLegale ?? unit?.prenom1UniteLegale, unit?.nomUniteLegale) ??
        published(current?.enseigne1Etablissement) ??
        published(current?.denominationUsuelleEtablissement),
      street: streetLine([
        address?.numeroVoieEtablissement,
        address?.indiceRepetitionEtablissement,
        address?.typeVoieEtablissement,
        address?.libelleVoieEtablissement,
      ]),
      complement: published(address?.complementAdresseEtablissement),
      postalCode: published(address?.codePostalEtablissement),
      city: published(address?.libelleCommuneEtablissement),
      nafCode: current?.activitePrincipaleEtablissement ?? unit?.activitePrincipaleUniteLegale ?? null,
      legalCategory: unit?.categorieJuridiqueUniteLegale ?? null,
      isHeadOffice: e.etablissementSiege ?? false,
      isActive: current?.etatAdministratifEtablissement === "A",
    },
  };
}
