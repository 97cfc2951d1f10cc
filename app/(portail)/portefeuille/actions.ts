"use server";

import { redirect } from "next/navigation";
import { actorFormAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/forms";
import { actOnPortfolioRow, portfolioTargetSchema } from "@/lib/portfolio/portfolio";

/** After a switch of structure: straight to the request. */
const toRequest = (result: ActionResult<{ requestId: number }>) =>
  result.ok ? redirect(`/remboursement-tic/demandes/${result.data.requestId}`) : result;

/** « Ouvrir la demande 2025 » / « Créer la demande 2025 » of a row: the farm becomes the current structure, then its request. */
export const portfolioRowAction = actorFormAction(portfolioTargetSchema, [], (actor, input, meta) =>
  toRequest(actOnPortfolioRow(actor, input, meta)),
);
