"use client";

import { useActionState } from "react";
import { Checkbox, Field, FieldScope } from "@/app/_components/field";
import { FormFeedback, errorOf, valueOf } from "@/app/_components/form-feedback";
import { RadioGroup } from "@/app/_components/radio-group";
import { Select } from "@/app/_components/select";
import { SubmitButton } from "@/app/_components/submit-button";
import { ATTACHMENT_ACCEPT, ATTACHMENT_HINT } from "@/lib/refunds/files";
import { BENEFICIARY_CATEGORIES } from "@/lib/spaces/catalogue";
import {
  addBankAccountAction,
  addServiceAction,
  handOverAction,
  openSpacesAction,
  renameServiceAction,
  updateSpaceAction,
  verifyStructureAction,
} from "../../actions";

const PACAGE_HINT =
  "Facultatif. 9 caractères : « 0 », le département, puis 6 chiffres (ex. 031123456) ; outre-mer : 971 à 976 puis 6 chiffres.";
const CATEGORY_HINT =
  "Obligatoire pour l'espace « Demande de remboursement TIC ». Liste établie par le portail d'après les règles d'éligibilité.";

type Option = { value: string; label: string };

/** « Ajouter des espaces ». */
export function AddSpacesForm({ structureId, kinds, services }: { structureId: number; kinds: Option[]; services: Option[] }) {
  const [state, action] = useActionState(openSpacesAction, null);
  const ticked = (name: string, value: string) => (state && !state.ok ? state.values?.[name] === value : undefined);
  return (
    <FieldScope value="espaces">
      <form action={action} noValidate aria-labelledby="ajouter-espaces">
        <FormFeedback
          state={state}
          labels={{
            kinds: "Espaces",
            serviceIds: "Services",
            canView: "Droits",
            beneficiaryCategory: "Catégorie de bénéficiaire",
            pacage: "Numéro PACAGE",
          }}
        />
        <input type="hidden" name="structureId" value={structureId} />
        <fieldset className="mb-5" aria-describedby={errorOf(state, "kinds") ? "espaces-kinds-erreur" : undefined}>
          <legend className="font-semibold">Espaces à ouvrir</legend>
          {errorOf(state, "kinds") ? (
            <p id="espaces-kinds-erreur" className="text-sm font-semibold text-error">
              {errorOf(state, "kinds")}
            </p>
          ) : null}
          {kinds.map((kind) => (
            <Checkbox
              key={kind.value}
              name="kinds"
              value={kind.value}
              label={kind.label}
              defaultChecked={ticked("kinds", kind.value) ?? kind.value === "ticRefund"}
            />
          ))}
        </fieldset>
        <fieldset className="mb-5">
          <legend className="font-semibold">Services concernés</legend>
          {services.length === 0 ? (
            <p className="text-sm">La structure n&apos;a pas de service : l&apos;espace est ouvert pour toute la structure.</p>
          ) : (
            <>
              <p className="text-sm">Ne cochez rien pour ouvrir l&apos;espace à toute la structure.</p>
              {services.map((service) => (
                <Checkbox key={service.value} name="serviceIds" value={service.value} label={service.label} />
              ))}
            </>
          )}
          {errorOf(state, "serviceIds") ? <p className="text-sm font-semibold text-error">{errorOf(state, "serviceIds")}</p> : null}
        </fieldset>
        <fieldset className="mb-5">
          <legend className="font-semibold">Droits ouverts</legend>
          {errorOf(state, "canView") ? <p className="text-sm font-semibold text-error">{errorOf(state, "canView")}</p> : null}
          <Checkbox name="canView" label="Consultation" defaultChecked />
          <Checkbox name="canEdit" label="Modification" defaultChecked />
        </fieldset>
        {/* PACAGE and category belong to the TIC space only (never offered to a centre de gestion). */}
        {kinds.some((kind) => kind.value === "ticRefund") ? (
          <>
            <Field
              name="pacage"
              label="Numéro PACAGE"
              optional
              hint={PACAGE_HINT}
              defaultValue={valueOf(state, "pacage")}
              error={errorOf(state, "pacage")}
            />
            <RadioGroup
              name="beneficiaryCategory"
              legend="Catégorie de bénéficiaire"
              hint={CATEGORY_HINT}
              options={BENEFICIARY_CATEGORIES}
              defaultValue={valueOf(state, "beneficiaryCategory")}
              error={errorOf(state, "beneficiaryCategory")}
            />
          </>
        ) : null}
        <SubmitButton>Valider</SubmitButton>
      </form>
    </FieldScope>
  );
}

/** PACAGE and category of an open TIC space. */
export function SpaceSettingsForm({ spaceId, pacage, category }: { spaceId: number; pacage: string | null; category: string | null }) {
  const [state, action] = useActionState(updateSpaceAction, null);
  return (
    <FieldScope value={`espace-${spaceId}`}>
      <form action={action} noValidate className="mt-3">
        <FormFeedback state={state} />
        <input type="hidden" name="spaceId" value={spaceId} />
        <Field
          name="pacage"
          label="Numéro PACAGE"
          optional
          hint={PACAGE_HINT}
          defaultValue={valueOf(state, "pacage", pacage ?? "")}
          error={errorOf(state, "pacage")}
        />
        <RadioGroup
          name="beneficiaryCategory"
          legend="Catégorie de bénéficiaire"
          options={BENEFICIARY_CATEGORIES}
          defaultValue={valueOf(state, "beneficiaryCategory", category ?? "")}
          error={errorOf(state, "beneficiaryCategory")}
        />
        <SubmitButton secondary>Enregistrer</SubmitButton>
      </form>
    </FieldScope>
  );
}

export function AddServiceForm({ structureId }: { structureId: number }) {
  const [state, action] = useActionState(addServiceAction, null);
  return (
    <FieldScope value="service">
      <form action={action} noValidate aria-labelledby="ajouter-service" className="mt-4">
        <h3 id="ajouter-service" className="font-semibold">
          Ajouter un service
        </h3>
        <FormFeedback state={state} />
        <input type="hidden" name="structureId" value={structureId} />
        <div className="flex flex-wrap gap-4">
          <Field name="code" label="Code" defaultValue={valueOf(state, "code")} error={errorOf(state, "code")} className="w-40" />
          <Field name="label" label="Libellé" defaultValue={valueOf(state, "label")} error={errorOf(state, "label")} className="flex-1" />
        </div>
        <SubmitButton secondary>Ajouter le service</SubmitButton>
      </form>
    </FieldScope>
  );
}

export function RenameServiceForm({ serviceId, code, label }: { serviceId: number; code: string; label: string }) {
  const [state, action] = useActionState(renameServiceAction, null);
  return (
    <FieldScope value={`service-${serviceId}`}>
      <form action={action} noValidate className="flex flex-wrap items-end gap-2">
        <FormFeedback state={state} />
        <input type="hidden" name="serviceId" value={serviceId} />
        <Field
          name="label"
          label={`Libellé du service ${code}`}
          defaultValue={valueOf(state, "label", label)}
          error={errorOf(state, "label")}
          className="mb-0"
        />
        <SubmitButton secondary>Renommer</SubmitButton>
      </form>
    </FieldScope>
  );
}

export function HandOverForm({ structureId, members }: { structureId: number; members: Option[] }) {
  const [state, action] = useActionState(handOverAction, null);
  return (
    <FieldScope value="transmission">
      <form action={action} noValidate aria-labelledby="transmettre" className="mt-6">
        <h3 id="transmettre" className="font-semibold">
          Transmettre le rôle de gestionnaire principal
        </h3>
        <p className="text-sm">Vous resterez membre de la structure. Les deux personnes reçoivent un courriel.</p>
        <FormFeedback state={state} />
        <input type="hidden" name="structureId" value={structureId} />
        <Select name="userId" label="Nouveau gestionnaire principal" options={members} error={errorOf(state, "userId")} />
        <Checkbox name="confirm" label="Je confirme transmettre le rôle de gestionnaire principal" error={errorOf(state, "confirm")} />
        <SubmitButton secondary>Transmettre le rôle</SubmitButton>
      </form>
    </FieldScope>
  );
}

/** « Ajouter des références bancaires »: holder, IBAN, BIC and the RIB, with its file. */
export function AddBankAccountForm({ structureId, hasAccounts }: { structureId: number; hasAccounts: boolean }) {
  const [state, action] = useActionState(addBankAccountAction, null);
  return (
    <FieldScope value="rib">
      <form action={action} noValidate aria-labelledby="ajouter-rib" className="mt-6">
        <h3 id="ajouter-rib" className="text-lg font-semibold">
          Ajouter des références bancaires
        </h3>
        <FormFeedback state={state} labels={{ holder: "Titulaire du compte", iban: "IBAN", bic: "BIC", rib: "RIB" }} />
        <input type="hidden" name="structureId" value={structureId} />
        <Field
          name="holder"
          label="Titulaire du compte"
          autoComplete="organization"
          defaultValue={valueOf(state, "holder")}
          error={errorOf(state, "holder")}
        />
        <Field
          name="iban"
          label="IBAN"
          hint="27 caractères pour un compte en France, par exemple FR76 3000 6000 0112 3456 7890 189."
          autoComplete="off"
          spellCheck={false}
          defaultValue={valueOf(state, "iban")}
          error={errorOf(state, "iban")}
        />
        <Field
          name="bic"
          label="BIC"
          hint="8 ou 11 caractères, par exemple AGRIFRPPXXX."
          autoComplete="off"
          spellCheck={false}
          defaultValue={valueOf(state, "bic")}
          error={errorOf(state, "bic")}
        />
        <Field
          name="rib"
          type="file"
          label="RIB (relevé d'identité bancaire)"
          hint={`${ATTACHMENT_HINT} Après une erreur, choisissez de nouveau le fichier.`}
          accept={ATTACHMENT_ACCEPT}
          error={errorOf(state, "rib")}
        />
        {hasAccounts ? <Checkbox name="makeDefault" label="En faire le compte par défaut des nouvelles demandes" /> : null}
        <SubmitButton secondary>Enregistrer les références bancaires</SubmitButton>
      </form>
    </FieldScope>
  );
}

/** « Vérifier la structure »: the code of the letter posted to the establishment. */
export function VerifyStructureForm({ structureId }: { structureId: number }) {
  const [state, action] = useActionState(verifyStructureAction, null);
  return (
    <FieldScope value="verification">
      <form action={action} noValidate className="mt-4" aria-labelledby="verifier-structure">
        <FormFeedback state={state} labels={{ code: "Code du courrier" }} />
        <input type="hidden" name="structureId" value={structureId} />
        <Field
          name="code"
          label="Code du courrier"
          hint="12 lettres et chiffres, par exemple ABCD-EFGH-JK23 ; majuscules, espaces et tirets au choix."
          autoComplete="off"
          spellCheck={false}
          error={errorOf(state, "code")}
        />
        <SubmitButton>Vérifier la structure</SubmitButton>
      </form>
    </FieldScope>
  );
}
