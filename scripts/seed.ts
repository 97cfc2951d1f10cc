/**
 * Demo data for local use (`npm start`), idempotent. Only on a local APP_URL: a real deployment
 * never gets a demo account. Prints what it did.
 */
import { eq } from "drizzle-orm";
import { agentDepartements, agentRoles, agents, users, type AgentRole } from "@/db/schema";
import { seal } from "@/lib/agents/secret-box";
import { recordAudit } from "@/lib/audit/record";
import { getConfig } from "@/lib/config";
import { getDb, inTransaction } from "@/lib/db";
import { importStockFiles } from "@/lib/directory/import";
import { hashSecret } from "@/lib/security/password-hash";
import { normalizeAnswer, SECRET_QUESTIONS } from "@/lib/accounts/secret-questions";
import { seedTransmittedRequests } from "./seed-instruction";
import { seedDemoPayments } from "./lib/demo-payments";

export const DEMO_ACCOUNT = {
  loginEmail: "demo@portail-tic.localhost",
  password: "Tracteur rouge au pré 1987",
  secretAnswer: "Noiraude",
  /** Proposed first to the demo account (README): left free for « Saisir une nouvelle structure ». */
  siret: "73282932000074",
};

/**
 * One agent of each role on the demo département (31, the sample's farms), local only: sign in at
 * /administration/connexion with this password, then the code of an authenticator app set with
 * DEMO_AGENTS.totpSecret (README « L'espace de l'administration »).
 */
export const DEMO_AGENTS = {
  password: "Lavande préfecture boussole 2026",
  totpSecret: "PORTAILTICDEMOAGENTSADMINISTRATN",
  departement: "31",
  agents: [
    { email: "administrateur@administration.portail-tic.localhost", firstName: "Anne", lastName: "Administratrice", role: "administrator" },
    { email: "instructeur@administration.portail-tic.localhost", firstName: "Ivan", lastName: "Instructeur", role: "instructor" },
    { email: "payeur@administration.portail-tic.localhost", firstName: "Paula", lastName: "Payeuse", role: "payer" },
    { email: "operateur@administration.portail-tic.localhost", firstName: "Omar", lastName: "Opérateur", role: "operator" },
  ] satisfies { email: string; firstName: string; lastName: string; role: AgentRole }[],
};

async function seedDemoAgents() {
  if (getDb().select({ id: agents.id }).from(agents).where(eq(agents.email, DEMO_AGENTS.agents[0]!.email)).get()) {
    console.log("Agents de démonstration déjà présents.");
    return;
  }
  const passwordHash = await hashSecret(DEMO_AGENTS.password);
  const now = new Date();
  inTransaction((tx) => {
    for (const demo of DEMO_AGENTS.agents) {
      const agent = tx
        .insert(agents)
        .values({
          email: demo.email,
          firstName: demo.firstName,
          lastName: demo.lastName,
          status: "active",
          passwordHash,
          totpSecret: seal(DEMO_AGENTS.totpSecret),
          totpConfirmedAt: now,
          createdAt: now,
          activatedAt: now,
        })
        .returning({ id: agents.id })
        .get();
      tx.insert(agentRoles).values({ agentId: agent.id, role: demo.role, grantedAt: now }).run();
      if (demo.role !== "administrator")
        tx.insert(agentDepartements).values({ agentId: agent.id, departement: DEMO_AGENTS.departement, grantedAt: now }).run();
      recordAudit(tx, { action: "seed.demo_agent", targetType: "agent", targetId: agent.id }, now);
    }
  });
  console.log(
    `Agents de démonstration (département ${DEMO_AGENTS.departement}) : ${DEMO_AGENTS.agents.map((a) => a.email).join(", ")} / « ${DEMO_AGENTS.password} », clé TOTP ${DEMO_AGENTS.totpSecret}`,
  );
}

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
  await seedDemoAgents();
  await seedTransmittedRequests(DEMO_ACCOUNT.password, [DEMO_ACCOUNT.siret]);
  // « Paiements » and « Statistiques » show something: requests accepted by the demo instructor (issue 20).
  seedDemoPayments(DEMO_AGENTS.agents[1]!.email, await hashSecret(DEMO_ACCOUNT.password));
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
        siret: DEMO_ACCOUNT.siret,
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
