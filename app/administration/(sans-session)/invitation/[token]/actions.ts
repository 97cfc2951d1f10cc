"use server";

import { formAction } from "@/lib/actions";
import { enrolAgent } from "@/lib/agents/invitations";
import { enrolSchema } from "@/lib/agents/schemas";

export const enrolAction = formAction(enrolSchema, ["password", "passwordConfirm", "code"], (input, meta) => enrolAgent(input, meta));
