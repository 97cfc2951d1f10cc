"use server";

import { actorFormAction } from "@/lib/actions";
import { attachInvoicesAcrossFarms, invoicesAcrossFarmsSchema } from "@/lib/portfolio/invoices-across-farms";

/** « Joindre les factures »: every file matched to its farm's line by its name; all or nothing. */
export const invoicesAcrossFarmsAction = actorFormAction(invoicesAcrossFarmsSchema, [], attachInvoicesAcrossFarms);
