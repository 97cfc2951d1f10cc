import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { hostile } from "../support/hostile";
import { seedHint } from "../support/fuzz-seed";
import { describePosted, fixedCasesFor } from "./fuzz-regressions";
import { serverForThisFile } from "./support/app-server";
import { type Answer, alertText, statusText, Visitor } from "../support/visitor";
import { buildAdministration } from "./support/administration-world";
import { buildWorld, fingerprint } from "./support/world";

/**
 * Cases per form; the in-process parse-level property tests run 300 per form on top. 60 since the
 * administration's forms joined (49 forms): 100 took 290–380 s on this machine, too close to the
 * timeout on one twice as slow (ADR 0017); the fixed cases of fuzz-regressions.ts run on top.
 */
const CASES = Number(process.env.RESILIENCE_FUZZ_CASES ?? 60);
/** Its own timeout: 49 forms × (60 + fixed) posts, each with two fingerprints of the database. */
const FUZZ_TIMEOUT_MS = 1_200_000;
const FRENCH = /^[A-ZÀ-Ý«✕]/;
const FOREIGN = /Invalid|expected|received|Required|undefined|NaN|\[object|Error:/;

function check(answer: Answer, label: string) {
  expect(answer.status, label).toBeLessThan(500);
  expect(answer.html, label).not.toContain("Une erreur est survenue");
  const alert = alertText(answer);
  if (alert) {
    expect(alert, label).toMatch(FRENCH);
    expect(alert, label).not.toMatch(FOREIGN);
  }
  return { alert, status: statusText(answer), redirected: answer.status === 303 };
}

describe("server actions over HTTP", () => {
  const server = serverForThisFile(3413, "data/resilience-actions.log");
  let world: Awaited<ReturnType<typeof buildWorld>>;
  let administration: Awaited<ReturnType<typeof buildAdministration>>;
  beforeAll(async () => {
    world = await buildWorld(server.app.url, server.stub, server.databaseFile);
    administration = await buildAdministration(server.app.url, server.stub, server.databaseFile, world);
  });

  /** Every form of the portal that posts to a server action, with the person who sees it. */
  async function everyForm() {
    const { manager, stranger, centre, anonymous, pages, structureId } = world;
    const sources: [Visitor, string][] = [
      [anonymous, "/inscription"],
      [anonymous, "/connexion"],
      [anonymous, "/mot-de-passe-oublie"],
      [anonymous, "/activation/renvoyer"],
      [manager, "/mon-compte"],
      [manager, "/mon-compte/abonnements/nouveau"],
      [manager, "/structures/nouvelle"],
      [manager, "/mandats/nouveau"],
      [manager, "/portefeuille/import"],
      // A centre de gestion's manager: mandates asked from a file (ADR 0029).
      [centre, "/mandats/import"],
      [manager, "/portefeuille/factures"],
      [manager, "/gestionnaire"],
      [manager, "/remboursement-tic"],
      [manager, pages.requestPage],
      [manager, pages.structurePage],
      // Another structure's manager may contest this one.
      [stranger, `/structures/contestation?structure=${structureId}`],
      [manager, pages.linePage],
      // Last: a post of it deletes the draft, after which the request's forms are refused.
      [manager, pages.deletePage],
      // Then the administration's (issue 19): sign-in, second factor, enrolment, agents, operators.
      ...administration.sources,
    ];
    const forms = [];
    for (const [visitor, page] of sources) {
      for (const form of await visitor.allForms(page)) if (form.button !== "Se déconnecter") forms.push({ visitor, form });
    }
    return forms;
  }

  it("refuse every signed-in action to those without the right, whatever ids they post", async () => {
    // First, on the untouched world: the fuzzing below may well close the space or hand the role over.
    const forms = (await everyForm()).filter(({ visitor }) => visitor === world.manager || visitor === world.centre);
    console.log(`Formulaires du gestionnaire : ${forms.map(({ form }) => form.button).join(" | ")}`);
    let refused = 0;
    for (const { form } of forms) {
      const label = `« ${form.button} » sur ${form.page}`;
      // The stranger (another structure's manager), the consultation-only member, nobody signed in.
      // The centre's forms: also a member of the centre who is not its gestionnaire principal.
      const others = [
        ["stranger", world.stranger],
        ["viewer", world.viewer],
        ["anonymous", world.anonymous],
        ...(form.page === "/mandats/import" ? [["accountant", world.accountant] as const] : []),
      ] as const;
      for (const [who, visitor] of others) {
        // Forms about the person themselves (their account, their own new structure) are theirs to use.
        if (who !== "anonymous" && ["/mon-compte", "/structures/nouvelle", "/mon-compte/abonnements/nouveau"].includes(form.page)) continue;
        // The consultation-only member's own subscription is listed on the structure page: ending it is their right.
        if (who === "viewer" && form.button.startsWith("Mettre fin à l'abonnement")) continue;
        const before = fingerprint(server.databaseFile);
        const answer = await visitor.submit(form, {});
        const outcome = check(answer, `${label} par ${who}`);
        expect(fingerprint(server.databaseFile), `${label} par ${who} a modifié des données`).toBe(before);
        if (who === "anonymous") expect(answer.location ?? answer.html, `${label} par ${who}`).toMatch(/\/connexion|Se connecter/);
        // Refused in words, or at least never told it worked (the page they get back may not be one they can act on).
        else expect(outcome.alert !== "" || outcome.status === "", `${label} par ${who} : ${answer.status} ${outcome.status}`).toBe(true);
        refused++;
      }
    }
    console.log(`${refused} envois sans le droit requis : tous refusés, rien modifié`);
  });

  it(
    "never answer 5xx, never write when they refuse, always refuse in French",
    async () => {
      const forms = await everyForm();
      expect(forms.length).toBeGreaterThan(20);
      // The administration's forms are all there (issue 19): a page that lost its form would silently leave the fuzzing.
      const administration = forms.filter(({ form }) => form.page.startsWith("/administration")).map(({ form }) => form.button);
      console.log(`Formulaires de l'administration : ${administration.join(" | ")}`);
      for (const button of [
        "Continuer",
        "Se connecter",
        "Activer mon accès",
        "Inviter l'agent",
        "Marquer comme envoyés",
        "Renvoyer l'invitation",
        "Enregistrer les rôles et départements",
        "Désactiver l'agent",
        "Demander un complément",
        "Accepter",
        "Rejeter la demande",
        "Confirmer la mise en paiement de 1 demande",
        "Marquer comme payé",
      ]) {
        expect(administration, button).toContain(button);
      }
      let posted = 0;
      for (const { visitor, form } of forms) {
        const label = `« ${form.button} » sur ${form.page}`;
        const values = fc.dictionary(
          fc.constantFrom(...form.names, "inconnu"),
          fc.oneof(
            hostile,
            fc.array(hostile, { maxLength: 3 }),
            fc.uint8Array({ maxLength: 2048 }).map((bytes) => new Blob([bytes])),
          ),
          { maxKeys: form.names.length + 1 },
        );
        // The inputs that once failed first, then this run's draws (FUZZ_SEED replays them).
        const samples = [...fixedCasesFor(form.button), ...(fc.sample(values, CASES) as Record<string, string | string[] | Blob>[])];
        for (const sample of samples) {
          try {
            const before = fingerprint(server.databaseFile);
            const outcome = check(await visitor.submit(form, sample), label);
            posted++;
            if (outcome.alert) expect(fingerprint(server.databaseFile), `${label} a écrit malgré le refus : ${outcome.alert}`).toBe(before);
            else
              expect(
                outcome.status || outcome.redirected || fingerprint(server.databaseFile) === before,
                `${label} : ni erreur, ni confirmation`,
              ).toBeTruthy();
          } catch (error) {
            console.error(`${label} : échec avec ${seedHint()} ; à garder dans fuzz-regressions.ts : ${await describePosted(sample)}`);
            throw error;
          }
        }
      }
      console.log(`${posted} envois aléatoires sur ${forms.length} formulaires : aucun 5xx, aucune écriture refusée, messages en français`);
    },
    FUZZ_TIMEOUT_MS,
  );
});
