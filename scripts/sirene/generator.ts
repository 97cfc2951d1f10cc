/**
 * Fictional SIRENE data in the official stock format: the bundled sample (db/fixtures/sirene) and
 * the benchmark's large files. Deterministic: the same seed gives the same files.
 */
import { hasValidLuhnKey } from "@/lib/identifiers";
import type { EstablishmentRow, LegalUnitRow } from "./format";

export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    digits: (count: number) => Array.from({ length: count }, () => Math.floor(next() * 10)).join(""),
  };
}

/** Appends the digit that makes the Luhn key right. */
export function withLuhnKey(digits: string): string {
  for (let key = 0; key <= 9; key++) if (hasValidLuhnKey(digits + key)) return digits + key;
  throw new Error("unreachable");
}

export function siretOf(siren: string, nic4: string): string {
  return withLuhnKey(siren + nic4);
}

const FIRST_NAMES = [
  "Jean",
  "Marie",
  "Pierre",
  "Claire",
  "Michel",
  "Anne",
  "Philippe",
  "Sophie",
  "Alain",
  "Isabelle",
  "Bernard",
  "Nathalie",
  "Luc",
  "Céline",
  "Yves",
  "Hélène",
  "Didier",
  "Sylvie",
  "Gilles",
  "Élodie",
];
const LAST_NAMES = [
  "Martin",
  "Bernard",
  "Dubois",
  "Durand",
  "Lefebvre",
  "Moreau",
  "Laurent",
  "Garnier",
  "Faure",
  "Rousseau",
  "Blanc",
  "Guérin",
  "Boyer",
  "Fabre",
  "Roux",
  "Vidal",
  "Lemoine",
  "Fournier",
  "Mercier",
  "Dupuy",
  "Caron",
  "Giraud",
  "Brun",
  "Chevalier",
];
const PLACES = [
  "des Trois Chênes",
  "du Moulin",
  "de la Source",
  "des Peupliers",
  "du Coteau",
  "de Bel Air",
  "des Granges",
  "du Pré Vert",
  "de la Combe",
  "des Genêts",
  "du Vieux Puits",
  "de la Vallée",
  "des Tilleuls",
  "du Bois Joli",
  "de Montplaisir",
];
const TOWNS: readonly [string, string][] = [
  ["31450", "MONTGISCARD"],
  ["32000", "AUCH"],
  ["47000", "AGEN"],
  ["82000", "MONTAUBAN"],
  ["81100", "CASTRES"],
  ["28000", "CHARTRES"],
  ["51100", "REIMS"],
  ["14000", "CAEN"],
  ["35000", "RENNES"],
  ["22000", "SAINT-BRIEUC"],
  ["49000", "ANGERS"],
  ["86000", "POITIERS"],
  ["63000", "CLERMONT-FERRAND"],
  ["21000", "DIJON"],
  ["80000", "AMIENS"],
  ["97400", "SAINT-DENIS"],
  ["20000", "AJACCIO"],
  ["01000", "BOURG-EN-BRESSE"],
];
const STREET_TYPES = ["RTE", "CHE", "LD", "RUE", "AV", "IMP"];
const STREETS = ["DES VIGNES", "DE LA FERME", "DU MOULIN", "DES CHAMPS", "DE LA GARE", "DU CHATEAU", "DES ECOLES", "DE LAVAUR"];
const FARM_NAF = ["01.11Z", "01.13Z", "01.21Z", "01.24Z", "01.41Z", "01.42Z", "01.45Z", "01.47Z", "01.50Z", "01.30Z", "02.10Z", "03.21Z"];

type Kind = "individual" | "EARL" | "GAEC" | "SCEA" | "CUMA" | "ETA" | "CGA" | "OTHER";
const LEGAL_CATEGORY: Record<Kind, string> = {
  individual: "1000",
  EARL: "6598",
  GAEC: "6533",
  SCEA: "6597",
  CUMA: "6317",
  ETA: "5499",
  CGA: "9220",
  OTHER: "5710",
};

export type Generated = { establishments: EstablishmentRow[]; legalUnits: LegalUnitRow[] };

function address(rng: ReturnType<typeof random>): EstablishmentRow {
  const [postalCode, city] = rng.pick(TOWNS);
  return {
    numeroVoieEtablissement: String(1 + rng.int(80)),
    typeVoieEtablissement: rng.pick(STREET_TYPES),
    libelleVoieEtablissement: rng.pick(STREETS),
    codePostalEtablissement: postalCode,
    libelleCommuneEtablissement: city,
    codeCommuneEtablissement: postalCode.slice(0, 2) + "1" + rng.digits(2),
  };
}

/** One legal unit and its establishments (the head office first). */
export function legalUnit(
  rng: ReturnType<typeof random>,
  kind: Kind,
  siren: string,
  options: { closed?: boolean; secondaryCount?: number; diffusible?: boolean } = {},
): Generated {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const place = rng.pick(PLACES);
  const naf =
    kind === "CUMA" || kind === "ETA"
      ? "01.61Z"
      : kind === "CGA"
        ? "69.20Z"
        : kind === "OTHER"
          ? rng.pick(["47.11F", "56.10A", "43.21A"])
          : rng.pick(FARM_NAF);
  const denomination: Record<Kind, string | undefined> = {
    individual: undefined,
    EARL: `EARL ${place.toUpperCase()}`,
    GAEC: `GAEC ${place.toUpperCase()}`,
    SCEA: `SCEA ${last.toUpperCase()}`,
    CUMA: `CUMA ${place.toUpperCase()}`,
    ETA: `ETA ${last.toUpperCase()} ET FILS`,
    CGA: `CENTRE DE GESTION AGRICOLE ${rng.pick(TOWNS)[1]}`,
    OTHER: `SAS ${last.toUpperCase()} COMMERCE`,
  };
  const state = options.closed ? "F" : "A";
  const diffusion = options.diffusible === false ? "P" : "O";
  const unit: LegalUnitRow = {
    siren,
    statutDiffusionUniteLegale: diffusion,
    dateCreationUniteLegale: `${1980 + rng.int(44)}-0${1 + rng.int(9)}-1${rng.int(9)}`,
    sexeUniteLegale: kind === "individual" ? rng.pick(["M", "F"]) : "",
    prenom1UniteLegale: kind === "individual" ? (diffusion === "P" ? "[ND]" : first.toUpperCase()) : "",
    prenomUsuelUniteLegale: kind === "individual" ? (diffusion === "P" ? "[ND]" : first.toUpperCase()) : "",
    nomUniteLegale: kind === "individual" ? (diffusion === "P" ? "[ND]" : last.toUpperCase()) : "",
    denominationUniteLegale: denomination[kind] ?? "",
    categorieJuridiqueUniteLegale: LEGAL_CATEGORY[kind],
    activitePrincipaleUniteLegale: naf,
    nomenclatureActivitePrincipaleUniteLegale: "NAFRev2",
    etatAdministratifUniteLegale: state === "F" ? "C" : "A",
    dateDebut: "2020-01-01",
    nicSiegeUniteLegale: "00017",
    caractereEmployeurUniteLegale: "N",
  };
  const establishments: EstablishmentRow[] = [];
  const count = 1 + (options.secondaryCount ?? 0);
  for (let i = 0; i < count; i++) {
    const siret = siretOf(siren, String(1 + i).padStart(4, "0"));
    establishments.push({
      siren,
      nic: siret.slice(9),
      siret,
      statutDiffusionEtablissement: diffusion,
      dateCreationEtablissement: "2015-03-01",
      dateDernierTraitementEtablissement: "2025-11-05T10:12:00",
      etablissementSiege: i === 0 ? "true" : "false",
      nombrePeriodesEtablissement: "1",
      ...(diffusion === "P"
        ? { codePostalEtablissement: rng.pick(TOWNS)[0], libelleCommuneEtablissement: "[ND]", libelleVoieEtablissement: "[ND]" }
        : address(rng)),
      complementAdresseEtablissement: rng.next() < 0.3 ? `LIEU-DIT ${place.toUpperCase()}` : "",
      dateDebut: "2020-01-01",
      etatAdministratifEtablissement: state,
      enseigne1Etablissement: kind === "individual" && rng.next() < 0.3 ? `FERME ${place.toUpperCase()}` : "",
      activitePrincipaleEtablissement: naf,
      nomenclatureActivitePrincipaleEtablissement: "NAFRev2",
      caractereEmployeurEtablissement: "N",
    });
  }
  return { establishments, legalUnits: [unit] };
}

/** Named entries that tests and the demo rely on; the rest of the sample is random. */
export const SAMPLE_FIXTURES = {
  /** The demo account's farm (head office). */
  earlDemo: { siret: "73282932000074", name: "EARL DES TROIS CHENES" },
  gaec: { siret: siretOf(withLuhnKey("41234567"), "0001"), name: "GAEC DU MOULIN" },
  individual: { siret: siretOf(withLuhnKey("81234567"), "0001"), name: "CLAIRE DURAND" },
  managementCentre: { siret: siretOf(withLuhnKey("77123456"), "0001"), name: "CENTRE DE GESTION AGRICOLE DU GERS" },
  closed: { siret: siretOf(withLuhnKey("52345678"), "0001"), name: "EARL DU VIEUX PUITS" },
  cuma: { siret: siretOf(withLuhnKey("78451236"), "0001"), name: "CUMA DE LA VALLEE" },
  laPoste: { siret: "35600000001235", name: "LA POSTE" },
} as const;

function fixture(siret: string, name: string, kind: Kind, extra: { closed?: boolean; naf?: string } = {}): Generated {
  const siren = siret.slice(0, 9);
  const unit: LegalUnitRow = {
    siren,
    statutDiffusionUniteLegale: "O",
    denominationUniteLegale: kind === "individual" ? "" : name,
    prenom1UniteLegale: kind === "individual" ? name.split(" ")[0] : "",
    nomUniteLegale: kind === "individual" ? name.split(" ").slice(1).join(" ") : "",
    categorieJuridiqueUniteLegale: LEGAL_CATEGORY[kind],
    activitePrincipaleUniteLegale: extra.naf ?? "01.50Z",
    etatAdministratifUniteLegale: extra.closed ? "C" : "A",
    dateDebut: "2020-01-01",
  };
  const establishment: EstablishmentRow = {
    siren,
    nic: siret.slice(9),
    siret,
    statutDiffusionEtablissement: "O",
    etablissementSiege: "true",
    numeroVoieEtablissement: "12",
    typeVoieEtablissement: "CHE",
    libelleVoieEtablissement: "DES VIGNES",
    complementAdresseEtablissement: "LIEU-DIT LES GRANGES",
    codePostalEtablissement: "31450",
    libelleCommuneEtablissement: "MONTGISCARD",
    dateDebut: "2020-01-01",
    etatAdministratifEtablissement: extra.closed ? "F" : "A",
    activitePrincipaleEtablissement: extra.naf ?? "01.50Z",
    nomenclatureActivitePrincipaleEtablissement: "NAFRev2",
  };
  return { establishments: [establishment], legalUnits: [unit] };
}

/** The bundled sample: 300+ establishments of every kind the portal meets. */
export function generateSample(seed = 20261127): Generated {
  const rng = random(seed);
  const parts: Generated[] = [
    fixture(SAMPLE_FIXTURES.earlDemo.siret, SAMPLE_FIXTURES.earlDemo.name, "EARL"),
    fixture(SAMPLE_FIXTURES.gaec.siret, SAMPLE_FIXTURES.gaec.name, "GAEC", { naf: "01.41Z" }),
    fixture(SAMPLE_FIXTURES.individual.siret, SAMPLE_FIXTURES.individual.name, "individual", { naf: "01.11Z" }),
    fixture(SAMPLE_FIXTURES.managementCentre.siret, SAMPLE_FIXTURES.managementCentre.name, "CGA", { naf: "69.20Z" }),
    fixture(SAMPLE_FIXTURES.closed.siret, SAMPLE_FIXTURES.closed.name, "EARL", { closed: true }),
    fixture(SAMPLE_FIXTURES.cuma.siret, SAMPLE_FIXTURES.cuma.name, "CUMA", { naf: "01.61Z" }),
    fixture(SAMPLE_FIXTURES.laPoste.siret, SAMPLE_FIXTURES.laPoste.name, "OTHER", { naf: "53.10Z" }),
  ];
  const plan: [Kind, number][] = [
    ["individual", 140],
    ["EARL", 50],
    ["GAEC", 35],
    ["SCEA", 25],
    ["CUMA", 8],
    ["ETA", 8],
    ["CGA", 6],
    ["OTHER", 10],
  ];
  const used = new Set(parts.map((p) => p.legalUnits[0]!.siren));
  let index = 0;
  for (const [kind, count] of plan) {
    for (let i = 0; i < count; i++) {
      index++;
      let siren: string;
      do siren = withLuhnKey(String(3 + rng.int(6)) + rng.digits(7));
      while (used.has(siren));
      used.add(siren);
      parts.push(
        legalUnit(rng, kind, siren, {
          closed: index % 17 === 0,
          secondaryCount: kind === "GAEC" || kind === "ETA" ? rng.int(2) : 0,
          diffusible: !(kind === "individual" && index % 23 === 0),
        }),
      );
    }
  }
  return {
    establishments: parts.flatMap((p) => p.establishments),
    legalUnits: parts.flatMap((p) => p.legalUnits),
  };
}
