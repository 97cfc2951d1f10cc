import { cache } from "react";
import { openTicSpace } from "./spaces/tic-space";
import { spaceAccesses } from "./spaces/rights";
import { currentStructure, managedStructures } from "./structures/queries";

/**
 * Reads that the layout and the page of one request both need, done once per request (React
 * `cache`). For rendering only: services never use these, as they must see their own writes.
 */
export const currentStructureOnce = cache((userId: number) => currentStructure(userId));
export const managedStructuresOnce = cache((userId: number) => managedStructures(userId));
export const spaceAccessesOnce = cache((userId: number, structureId: number) => spaceAccesses(userId, structureId));
export const openTicSpaceOnce = cache((structureId: number) => openTicSpace(structureId));
