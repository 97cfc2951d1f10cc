import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  activationSchema,
  changePasswordSchema,
  emailOnlySchema,
  profileSchema,
  recoverySchema,
  signInSchema,
  signUpSchema,
} from "@/lib/accounts/schemas";
import { getDb } from "@/lib/db";
import { parseForm } from "@/lib/forms";
import { openSpacesSchema, addServiceSchema, updateSpaceSchema } from "@/lib/spaces/schemas";
import {
  contestSchema,
  createStructureSchema,
  decideSchema,
  newStructureSchema,
  requestAttachmentSchema,
  verifyStructureSchema,
} from "@/lib/structures/schemas";
import { requestSubscriptionSchema } from "@/lib/subscriptions/schemas";
import { signUp } from "@/lib/accounts/sign-up";
import { hostile } from "../support/hostile";
import { checkLine } from "@/lib/refunds/line-rules";
import { deadlineTable, rateTable } from "@/lib/refunds/rates";
import {
  addBankAccountSchema,
  addLineSchema,
  bankAccountIdSchema,
  createRequestSchema,
  importLinesSchema,
  lineInvoiceSchema,
  requestHeaderSchema,
} from "@/lib/refunds/schemas";

/** Every form the server actions parse, with the names of their fields. */
const FORMS: [string, z.ZodType, string[]][] = [
  [
    "inscription",
    signUpSchema,
    [
      "loginEmail",
      "contactEmail",
      "lastName",
      "firstName",
      "phone",
      "siret",
      "addressStreet",
      "addressComplement",
      "postalCode",
      "city",
      "acceptTerms",
      "website",
    ],
  ],
  ["activation", activationSchema, ["token", "password", "passwordConfirmation", "secretQuestion", "customQuestion", "secretAnswer"]],
  ["connexion", signInSchema, ["loginEmail", "password", "next"]],
  ["adresse seule", emailOnlySchema, ["loginEmail"]],
  ["réinitialisation", recoverySchema, ["token", "secretAnswer", "password", "passwordConfirmation"]],
  ["profil", profileSchema, ["contactEmail", "lastName", "firstName", "phone"]],
  ["mot de passe", changePasswordSchema, ["currentPassword", "password", "passwordConfirmation"]],
  ["nouvelle structure", newStructureSchema, ["siret", "rcs"]],
  ["création de structure", createStructureSchema, ["siret", "rcs", "status", "isManagementCentre"]],
  ["rattachement", requestAttachmentSchema, ["siret", "serviceIds"]],
  ["décision", decideSchema, ["ids", "decision", "single", "reason"]],
  ["vérification de structure", verifyStructureSchema, ["structureId", "code"]],
  ["contestation", contestSchema, ["structureId", "motif"]],
  ["espaces", openSpacesSchema, ["structureId", "kinds", "serviceIds", "canView", "canEdit", "pacage", "beneficiaryCategory"]],
  ["espace", updateSpaceSchema, ["spaceId", "pacage", "beneficiaryCategory"]],
  ["service", addServiceSchema, ["structureId", "code", "label"]],
  ["abonnement", requestSubscriptionSchema, ["structureId", "spaceId", "canView", "canEdit", "startDate"]],
  ["références bancaires", addBankAccountSchema, ["structureId", "holder", "iban", "bic", "makeDefault", "rib"]],
  ["compte bancaire", bankAccountIdSchema, ["bankAccountId"]],
  ["création de demande", createRequestSchema, ["structureId", "year", "bankAccountId", "notInDifficulty"]],
  ["en-tête de demande", requestHeaderSchema, ["requestId", "bankAccountId", "notInDifficulty"]],
  ["ligne", addLineSchema, ["requestId", "invoiceNumber", "deliveryDate", "product", "volume", "invoice", "then"]],
  ["facture", lineInvoiceSchema, ["lineId", "invoice"]],
  ["import CSV", importLinesSchema, ["requestId", "file"]],
];

/** A submitted form: any subset of the fields, each sent once, several times or as a file. */
function formData(fields: string[]) {
  return fc
    .dictionary(fc.constantFrom(...fields, "$ACTION_ID_x", "inconnu"), fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })))
    .map((entries) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(entries)) {
        for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
      }
      return form;
    });
}

describe("malformed and hostile form data", () => {
  for (const [name, schema, fields] of FORMS) {
    it(`« ${name} »: never throws, and every refusal is a French message on a field`, () => {
      fc.assert(
        fc.property(formData(fields), (form) => {
          const parsed = parseForm(schema, form);
          if (parsed.ok) return;
          const messages = Object.entries(parsed.fieldErrors);
          expect(messages.length).toBeGreaterThan(0);
          for (const [field, message] of messages) {
            expect(fields.concat("_form")).toContain(field);
            expect(message).toMatch(/^[A-ZÀ-Ý«]/);
            expect(message).not.toMatch(/Invalid|expected|received|Required/);
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it("a refund line's rules: never throw, every refusal a French message on a field", () => {
    const rates = rateTable();
    const deadlines = deadlineTable();
    fc.assert(
      fc.property(
        hostile,
        hostile,
        hostile,
        hostile,
        fc.integer({ min: 1900, max: 2100 }),
        (invoiceNumber, deliveryDate, product, volume, year) => {
          const checked = checkLine(
            { invoiceNumber, deliveryDate, product, volume, billedFullTariff: invoiceNumber },
            { year, rates, deadlines, today: "2026-11-27" },
          );
          if (checked.ok) return;
          for (const [field, message] of Object.entries(checked.errors)) {
            expect(["invoiceNumber", "deliveryDate", "product", "volume", "billedFullTariff"]).toContain(field);
            expect(message).toMatch(/^[A-ZÀ-Ý«]/);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("sign-up writes nothing for any refused form", () => {
    fc.assert(
      fc.property(formData(FORMS[0]![2]), (form) => {
        const before = getDb().$client.prepare("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM outbox) AS n").get() as {
          n: number;
        };
        const parsed = parseForm(signUpSchema, form);
        if (parsed.ok) signUp(parsed.data, { ip: "192.0.2.1" });
        const after = getDb().$client.prepare("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM outbox) AS n").get() as {
          n: number;
        };
        if (!parsed.ok) expect(after.n).toBe(before.n);
      }),
      { numRuns: 500 },
    );
  });
});
