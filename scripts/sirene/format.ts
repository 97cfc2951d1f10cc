/** Column lists of the official SIRENE stock files (« dessin de fichier »), in order. */
export const ESTABLISHMENT_COLUMNS = [
  "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement", "trancheEffectifsEtablissement",
  "anneeEffectifsEtablissement", "activitePrincipaleRegistreMetiersEtablissement", "dateDernierTraitementEtablissement",
  "etablissementSiege", "nombrePeriodesEtablissement", "complementAdresseEtablissement", "numeroVoieEtablissement",
  "indiceRepetitionEtablissement", "dernierNumeroVoieEtablissement", "indiceRepetitionDernierNumeroVoieEtablissement",
  "typeVoieEtablissement", "libelleVoieEtablissement", "codePostalEtablissement", "libelleCommuneEtablissement",
  "libelleCommuneEtrangerEtablissement", "distributionSpecialeEtablissement", "codeCommuneEtablissement",
  "codeCedexEtablissement", "libelleCedexEtablissement", "codePaysEtrangerEtablissement", "libellePaysEtrangerEtablissement",
  "identifiantAdresseEtablissement", "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement",
  "complementAdresse2Etablissement", "numeroVoie2Etablissement", "indiceRepetition2Etablissement", "typeVoie2Etablissement",
  "libelleVoie2Etablissement", "codePostal2Etablissement", "libelleCommune2Etablissement",
  "libelleCommuneEtranger2Etablissement", "distributionSpeciale2Etablissement", "codeCommune2Etablissement",
  "codeCedex2Etablissement", "libelleCedex2Etablissement", "codePaysEtranger2Etablissement",
  "libellePaysEtranger2Etablissement", "dateDebut", "etatAdministratifEtablissement", "enseigne1Etablissement",
  "enseigne2Etablissement", "enseigne3Etablissement", "denominationUsuelleEtablissement",
  "activitePrincipaleEtablissement", "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
  "activitePrincipaleNAF25Etablissement",
] as const;

export const LEGAL_UNIT_COLUMNS = [
  "siren", "statutDiffusionUniteLegale", "unitePurgeeUniteLegale", "dateCreationUniteLegale", "sigleUniteLegale",
  "sexeUniteLegale", "prenom1UniteLegale", "prenom2UniteLegale", "prenom3UniteLegale", "prenom4UniteLegale",
  "prenomUsuelUniteLegale", "pseudonymeUniteLegale", "identifiantAssociationUniteLegale", "trancheEffectifsUniteLegale",
  "anneeEffectifsUniteLegale", "dateDernierTraitementUniteLegale", "nombrePeriodesUniteLegale", "categorieEntreprise",
  "anneeCategorieEntreprise", "dateDebut", "etatAdministratifUniteLegale", "nomUniteLegale", "nomUsageUniteLegale",
  "denominationUniteLegale", "denominationUsuelle1UniteLegale", "denominationUsuelle2UniteLegale",
  "denominationUsuelle3UniteLegale", "categorieJuridiqueUniteLegale", "activitePrincipaleUniteLegale",
  "nomenclatureActivitePrincipaleUniteLegale", "nicSiegeUniteLegale", "economieSocialeSolidaireUniteLegale",
  "societeMissionUniteLegale", "caractereEmployeurUniteLegale", "activitePrincipaleNAF25UniteLegale",
] as const;

export type EstablishmentRow = Partial<Record<(typeof ESTABLISHMENT_COLUMNS)[number], string>>;
export type LegalUnitRow = Partial<Record<(typeof LEGAL_UNIT_COLUMNS)[number], string>>;

function csvCell(value: string | undefined): string {
  if (value === undefined || value === "") return "";
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine<C extends readonly string[]>(columns: C, row: Partial<Record<C[number], string>>): string {
  return columns.map((column) => csvCell(row[column as C[number]])).join(",") + "\n";
}
