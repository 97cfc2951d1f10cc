"use server";

import { actorFormAction } from "@/lib/actions";
import { importPortfolioLines } from "@/lib/refunds/bulk-import";
import { importPortfolioSchema } from "@/lib/refunds/schemas";

export const importPortfolioLinesAction = actorFormAction(importPortfolioSchema, [], importPortfolioLines);
