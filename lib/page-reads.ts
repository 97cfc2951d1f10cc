import { cache } from "react";
import { rightsOn } from "./access";
import type { Actor } from "./auth/sessions";
import { openTicSpace } from "./spaces/tic-space";
import { currentStructure, managedStructures } from "./structures/queries";

/**
 * Reads that the layout and the page of one request both need, done once per request (React
 * `cache`). For rendering only: services never use these, as they must see their own writes.
 */
export const currentStructureOnce = cache((userId: number) => currentStructure(userId));
export const managedStructuresOnce = cache((userId: number) => managedStructures(userId));
/** The actor's rights on a structure (lib/access.ts): the layout's menu, « Accueil » and the page share one reading. */
export const rightsOnce = cache((actor: Actor, structureId: number | null) => rightsOn(actor, structureId === null ? {} : { structureId }));
export const openTicSpaceOnce = cache((structureId: number) => openTicSpace(structureId));
