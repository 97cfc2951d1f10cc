"use server";

import { actorFormAction } from "@/lib/actions";
import { answerComplement } from "@/lib/instruction/complement";
import { answerSchema } from "@/lib/instruction/schemas";

export const answerComplementAction = actorFormAction(answerSchema, [], answerComplement);
