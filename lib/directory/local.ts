import "server-only";
import type { Statement } from "better-sqlite3";
import { getDb } from "@/lib/db";
import type { LookupResult } from "./types";

type Row = {
  siret: string;
  siren: string;
  establishment_name: string | null;
  street: string | null;
  complement: string | null;
  postal_code: string | null;
  city: string | null;
  naf_code: string | null;
  is_head_office: number;
  is_active: number;
  is_diffusible: number;
  unit_name: string | null;
  legal_category: string | null;
};

const statements = new WeakMap<object, Statement<[string], Row>>();

/** The local copy of SIRENE: one prepared, indexed read (primary key + primary key). */
export function lookupLocal(siret: string): LookupResult {
  const client = getDb().$client;
  let statement = statements.get(client);
  if (!statement) {
    statement = client.prepare<[string], Row>(`
      SELECT e.*, u.name AS unit_name, u.legal_category
      FROM directory_establishments e LEFT JOIN directory_legal_units u ON u.siren = e.siren
      WHERE e.siret = ?`);
    statements.set(client, statement);
  }
  const row = statement.get(siret);
  if (!row) return { status: "unknown" };
  const diffusible = row.is_diffusible === 1;
  return {
    status: "found",
    establishment: {
      siret: row.siret,
      siren: row.siren,
      name: diffusible ? (row.unit_name ?? row.establishment_name) : null,
      street: diffusible ? row.street : null,
      complement: diffusible ? row.complement : null,
      postalCode: row.postal_code,
      city: diffusible ? row.city : null,
      nafCode: row.naf_code,
      legalCategory: row.legal_category,
      isHeadOffice: row.is_head_office === 1,
      isActive: row.is_active === 1,
    },
  };
}
