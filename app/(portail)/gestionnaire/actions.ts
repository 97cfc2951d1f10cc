"use server";

import { actorFormAction } from "@/lib/actions";
import { decideAttachments } from "@/lib/structures/attachments";
import { decideSchema } from "@/lib/structures/schemas";

export const decideAttachmentsAction = actorFormAction(decideSchema, [], decideAttachments);
