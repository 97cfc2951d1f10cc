/**
 * Demo data for local use (`npm start`), idempotent. Only on a local APP_URL: a real deployment
 * never gets a demo account. Prints what it did.
 */
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { getConfig } from "@/lib/config";
import { getDb, inTransaction } from "@/lib/db";
import { importStockFiles } from "@/lib/directory/import";
import { hashSecret } from "@/lib/security/password-hash";
import { normalizeAnswer, SECRET_QUESTIONS } from "@/lib/accounts/secret-questions";

export const DEMO_ACCOUNT = {
  loginEmail: "demo@portail-tic.localhost",
  password: "Tracteur rouge au pré 1987",
  secretAnswer: "Noiraude",
};

async function main() {
  const config = getConfig();
  if (!config.isLocal) {
    console.log("APP_URL n'est pas une adresse locale : aucune donnée de démonstration.");
    return;
  }
  const directory = await importStockFiles(getDb(), {
    establishmentsFile: "db/fixtures/sirene/StockEtablissement_sample.csv",
    legalUnitsFile: "db/fixtures/sirene/StockUniteLegale_sample.csv",
  });
  console.log(`Annuaire SIRENE d'exemple : ${directory.establishments.kept} établissements (base INSEE fictive).`);
  const existing = getDb().select({ id: users.id }).from(users).where(eq(users.loginEmail, DEMO_ACCOUNT.loginEmail)).get();
  if (existing) {
    console.log(`Compte de démonstration déjà présent : ${DEMO_ACCOUNT.loginEmail}`);
    return;
  }
  const [passwordHash, secretAnswerHash] = await Promise.all([
    hashSecret(DEMO_ACCOUNT.password),
    hashSecret(normalizeAnswer(DEMO_ACCOUNT.secretAnswer)),
  ]);
  const now = new Date();
  inTransaction((tx) => {
    const user = tx
      .insert(users)
      .values({
        loginEmail: DEMO_ACCOUNT.loginEmail,
        contactEmail: DEMO_ACCOUNT.loginEmail,
        lastName: "Martin",
        firstName: "Camille",
        phone: "05 61 00 00 00",
        siret: "73282932000074",
        addressStreet: "12 chemin des Vignes",
        addressComplement: "Lieu-dit Les Granges",
        postalCode: "31450",
        city: "Montgiscard",
        termsAcceptedAt: now,
        status: "active",
        passwordHash,
        secretQuestion: SECRET_QUESTIONS[0],
        secretAnswerHash,
        createdAt: now,
        activatedAt: now,
        passwordChangedAt: now,
      })
      .returning({ id: users.id })
      .get();
    recordAudit(tx, { action: "seed.demo_account", targetType: "user", targetId: user.id }, now);
  });
  console.log(`Compte de démonstration créé : ${DEMO_ACCOUNT.loginEmail} / « ${DEMO_ACCOUNT.password} »`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
