"use server";

import { redirect } from "next/navigation";
import { actorFormAction } from "@/lib/actions";
import type { ActionResult } from "@/lib/forms";
import { createFromPortfolio, createFromPortfolioSchema, openFromPortfolio, openFromPortfolioSchema } from "@/lib/portfolio/portfolio";

/** After a switch of structure: straight to the request. */
const toRequest = (result: ActionResult<{ requestId: number }>) => (result.ok ? redirect(`/remboursement-tic/demandes/${result.data.requestId}`) : result);

export const openFromPortfolioAction = actorFormAction(openFromPortfolioSchema, [], (actor, input) => toRequest(openFromPortfolio(actor, input)));
export const createFromPortfolioAction = actorFormAction(createFromPortfolioSchema, [], (actor, input, meta) => toRequest(createFromPortfolio(actor, input, meta)));
