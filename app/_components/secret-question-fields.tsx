import type { ActionState } from "@/lib/forms";
import { CUSTOM_QUESTION, SECRET_QUESTIONS } from "@/lib/accounts/secret-questions";
import { Field } from "./field";
import { errorOf, valueOf } from "./form-feedback";
import { Select } from "./select";

const QUESTION_OPTIONS = [
  { value: "", label: "— Choisissez une question —" },
  ...SECRET_QUESTIONS.map((question) => ({ value: question, label: question })),
  { value: CUSTOM_QUESTION, label: "Autre question (je l'écris moi-même)" },
];

/** Question secrète + réponse, used on activation and in « Mon compte ». */
export function SecretQuestionFields({ state }: { state: ActionState<unknown> }) {
  return (
    <>
      <Select
        name="secretQuestion"
        label="Question secrète"
        hint="Elle vous permettra de récupérer vous-même votre mot de passe en cas d'oubli."
        options={QUESTION_OPTIONS}
        defaultValue={valueOf(state, "secretQuestion")}
        error={errorOf(state, "secretQuestion")}
        required
      />
      <Field
        name="customQuestion"
        label="Votre question"
        optional
        hint="Seulement si vous avez choisi « Autre question »."
        defaultValue={valueOf(state, "customQuestion")}
        error={errorOf(state, "customQuestion")}
      />
      <Field
        name="secretAnswer"
        label="Réponse à la question secrète"
        hint="Les majuscules, les accents, les tirets et les apostrophes ne comptent pas."
        autoComplete="off"
        defaultValue={valueOf(state, "secretAnswer")}
        error={errorOf(state, "secretAnswer")}
      />
    </>
  );
}
