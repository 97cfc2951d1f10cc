import { z } from "zod";
import { parisToday } from "@/lib/dates";
import { INVALID_EMAIL, type RowError } from "@/lib/forms";
import { digitsOnly, siretError } from "@/lib/identifiers";
import { byRow, readCsvRows, type CsvColumn } from "@/lib/refunds/csv-lines";
import { parseDeliveryDate } from "@/lib/refunds/line-rules";

/**
 * The file of a centre de gestion asking mandates of many farms at once (issue 21, point 11; ADR
 * 0029): one row per farm, its SIRET and its contact e-mail (used only for a farm not yet on the
 * portal, which gets an invitation), then, optionally, the rights asked of that farm; an empty
 * cell takes the choice made for the whole file on the page. « ; » or « , », UTF-8 with or
 * without BOM: the refund lines' reader (lib/refunds/csv-lines.ts).
 */
export const MANDATE_FILE_COLUMNS: readonly CsvColumn[] = [
  { name: "siret", description: "n° de SIRET de l'exploitation (14 chiffres, espaces acceptés)" },
  {
    name: "courriel",
    description:
      "adresse électronique de l'exploitation : elle reçoit l'invitation si l'exploitation n'est pas encore sur le portail (facultative sinon)",
  },
  { name: "droits", description: "facultative : « consultation » ou « modification » ; vide, le choix fait pour tout le fichier" },
  {
    name: "transmission",
    description:
      "facultative : « oui » (transmission des demandes, avec « modification » seulement) ou « non » ; vide, le choix fait pour tout le fichier",
  },
  {
    name: "date_fin",
    description: "facultative : dernier jour du mandat, JJ/MM/AAAA, aujourd'hui ou plus tard ; vide, le choix fait pour tout le fichier",
  },
];
const REQUIRED_COLUMNS = 2;

/** Rows of one file: as many as the SIRET look-ups one person may make in a day (RATE_LIMITS["mandateLookup.user"]). */
export const MAX_MANDATE_FILE_ROWS = 200;

export type MandateRights = { canEdit: boolean; canTransmit: boolean; endDate: string | null };

/** A row the file itself gets right: what the service then checks against the portal. */
export type MandateFileRow = { row: number; siret: string; email: string | null } & MandateRights;

const email = z.email();

function rightsOf(
  cells: Record<string, string>,
  defaults: MandateRights,
  today: string,
  row: number,
): { rights: MandateRights; errors: RowError[] } {
  const errors: RowError[] = [];
  const droits = (cells.droits ?? "").trim().toLowerCase();
  let canEdit = defaults.canEdit;
  if (droits === "modification") canEdit = true;
  else if (droits === "consultation") canEdit = false;
  else if (droits !== "")
    errors.push({
      row,
      column: "droits",
      message: `Écrivez « consultation » ou « modification », ou laissez la case vide (lu : « ${droits.slice(0, 40)} »).`,
    });
  const transmission = (cells.transmission ?? "").trim().toLowerCase();
  let canTransmit = droits === "consultation" && transmission === "" ? false : defaults.canTransmit;
  if (transmission === "oui") canTransmit = true;
  else if (transmission === "non") canTransmit = false;
  else if (transmission !== "") errors.push({ row, column: "transmission", message: "Écrivez « oui », « non » ou laissez la case vide." });
  if (canTransmit && !canEdit && errors.length === 0)
    errors.push({ row, column: "transmission", message: "La transmission demande le droit de modification." });
  const rawDate = (cells.date_fin ?? "").trim();
  let endDate = defaults.endDate;
  if (rawDate !== "") {
    const date = parseDeliveryDate(rawDate);
    if (!date)
      errors.push({
        row,
        column: "date_fin",
        message: `La date « ${rawDate.slice(0, 20)} » n'est pas une date valide : écrivez-la au format JJ/MM/AAAA.`,
      });
    else if (date < today) errors.push({ row, column: "date_fin", message: "La date de fin est aujourd'hui ou plus tard." });
    else endDate = date;
  }
  return { rights: { canEdit, canTransmit, endDate }, errors };
}

/**
 * Reads the file: every row with what it asks, or its errors by row and column; a SIRET named
 * twice is an error on the second row. Nothing here reads the portal's data.
 */
export function readMandateFile(
  bytes: Uint8Array,
  defaults: MandateRights,
  now = new Date(),
): { ok: true; rows: MandateFileRow[]; errors: RowError[] } | { ok: false; errors: RowError[] } {
  const read = readCsvRows(bytes, MANDATE_FILE_COLUMNS, REQUIRED_COLUMNS, {
    maxRows: MAX_MANDATE_FILE_ROWS,
    noRows: "Le fichier ne contient aucune exploitation.",
  });
  if (!read.ok) return read;
  const today = parisToday(now);
  const errors: RowError[] = [...read.errors];
  const rows: MandateFileRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of read.rows) {
    const before = errors.length;
    const rawSiret = cells.siret ?? "";
    const siretProblem = siretError(rawSiret);
    const siret = digitsOnly(rawSiret);
    if (siretProblem) errors.push({ row, column: "siret", message: siretProblem });
    else if (seen.has(siret))
      errors.push({ row, column: "siret", message: `Ce SIRET figure déjà à la ligne ${seen.get(siret)} du fichier.` });
    else seen.set(siret, row);
    const address = (cells.courriel ?? "").trim().toLowerCase();
    if (address !== "" && (address.length > 254 || !email.safeParse(address).success))
      errors.push({ row, column: "courriel", message: INVALID_EMAIL });
    const { rights, errors: rightsErrors } = rightsOf(cells, defaults, today, row);
    errors.push(...rightsErrors);
    if (errors.length === before) rows.push({ row, siret, email: address === "" ? null : address, ...rights });
  }
  return { ok: true, rows, errors: byRow(errors) };
}
