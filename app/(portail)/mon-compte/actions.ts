"use server";

import { changePassword, changeSecretQuestion, updateProfile } from "@/lib/accounts/profile";
import {
  SECRET_FORM_FIELDS,
  changePasswordSchema,
  changeSecretQuestionSchema,
  dailyDigestSchema,
  profileSchema,
} from "@/lib/accounts/schemas";
import { setDailyDigest } from "@/lib/mail/digest";
import { actorFormAction } from "@/lib/actions";

export const updateProfileAction = actorFormAction(profileSchema, [], updateProfile);
export const changePasswordAction = actorFormAction(changePasswordSchema, SECRET_FORM_FIELDS, changePassword);
export const changeSecretQuestionAction = actorFormAction(changeSecretQuestionSchema, SECRET_FORM_FIELDS, changeSecretQuestion);
export const setDailyDigestAction = actorFormAction(dailyDigestSchema, [], setDailyDigest);
