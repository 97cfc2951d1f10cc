import { currentStructureOnce } from "@/lib/page-reads";

/**
 * For a page about one structure: the structure the user works on when it is another one (the
 * page then says so instead of showing it under that name), else null.
 */
export function workingOnAnother(userId: number, structureId: number): { id: number; name: string } | null {
  const { current } = currentStructureOnce(userId);
  return current && current.id !== structureId ? { id: current.id, name: current.name } : null;
}
