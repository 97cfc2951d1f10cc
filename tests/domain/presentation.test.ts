import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeLegalCategory, describeNaf, legalCategoryLabel, nafLabel } from "@/lib/directory/nomenclatures";
import { formatSiret } from "@/lib/identifiers";
import { mailSubject } from "@/lib/mail/templates";
import { errorCountText, fixQuoteSpaces, quoted } from "@/lib/typography";

/** The values of one column of a bundled SIRENE sample file (no quoted commas in these columns). */
function column(file: string, name: string): string[] {
  const [header, ...rows] = readFileSync(`db/fixtures/sirene/${file}`, "utf8").trim().split("\n");
  const index = header!
    .split(",")
    .map((h) => h.trim())
    .indexOf(name);
  return [...new Set(rows.map((row) => row.split(",")[index]!).filter(Boolean))];
}

describe("INSEE codes are shown with their label", () => {
  it("knows the whole NAF rév. 2 and the legal categories, every code of the bundled sample included", () => {
    expect(describeNaf("01.21Z")).toBe("Culture de la vigne (code NAF 01.21Z)");
    expect(describeLegalCategory("6598")).toBe("Exploitation agricole à responsabilité limitée (catégorie juridique 6598)");
    expect(describeLegalCategory("1000")).toBe("Entrepreneur individuel (catégorie juridique 1000)");
    for (const code of column("StockEtablissement_sample.csv", "activitePrincipaleEtablissement"))
      expect(nafLabel(code), code).toBeTruthy();
    for (const code of column("StockUniteLegale_sample.csv", "categorieJuridiqueUniteLegale"))
      expect(legalCategoryLabel(code), code).toBeTruthy();
  });

  it("says so when a code is unknown, and a dash when there is none", () => {
    expect(describeNaf("99.99Z")).toBe("Code NAF 99.99Z");
    expect(describeLegalCategory(null)).toBe("—");
  });
});

describe("French typography", () => {
  it("counts errors in the singular and the plural", () => {
    expect(errorCountText(1)).toBe("Le formulaire contient 1 erreur. Corrigez-la :");
    expect(errorCountText(3)).toBe("Le formulaire contient 3 erreurs. Corrigez-les :");
  });

  it("keeps « » glued to their words with non-breaking spaces", () => {
    expect(quoted("Mon compte")).toBe("«\u00a0Mon compte\u00a0»");
    expect(fixQuoteSpaces("l'onglet « Demande de remboursement TIC » apparaît")).toBe(
      "l'onglet «\u00a0Demande de remboursement TIC\u00a0» apparaît",
    );
  });

  it("prints a SIRET in groups", () => {
    expect(formatSiret("73282932000074")).toBe("732 829 320 00074");
  });
});

describe("decision mails", () => {
  it("say in their subject whether the request was accepted", () => {
    const attachment = { firstName: "Paul", structureName: "EARL", managerName: "Claire Durand", reason: null, link: "http://x" };
    expect(mailSubject("attachment-decided", { ...attachment, approved: true })).toBe(
      "Votre demande de rattachement est acceptée – Portail TIC",
    );
    expect(mailSubject("attachment-decided", { ...attachment, approved: false })).toBe(
      "Votre demande de rattachement est refusée – Portail TIC",
    );
    const subscription = { ...attachment, spaceLabel: "Demande de remboursement TIC", rights: "consultation", startDate: "1 janvier 2026" };
    expect(mailSubject("subscription-decided", { ...subscription, approved: false })).toBe(
      "Votre demande d'abonnement est refusée – Portail TIC",
    );
    const refund = {
      firstName: "Paul",
      structureName: "EARL",
      year: 2023,
      reference: "TIC-2023-000042",
      explanation: "",
      motif: null,
      link: "http://x",
    };
    expect(mailSubject("refund-status-changed", { ...refund, status: "Mise en paiement" })).toBe(
      "Demande de remboursement TIC TIC-2023-000042 : Mise en paiement – Portail TIC",
    );
  });
});
