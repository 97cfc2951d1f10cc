"use client";

import { useActionState } from "react";
import { selectStructureAction } from "@/app/(portail)/structures/actions";

type Structure = { id: number; name: string };

/** With several structures, names the one worked on and lets the user switch (one alone is named by the layout). */
export function StructureSwitcher({ current, all }: { current: Structure; all: Structure[] }) {
  const [, action] = useActionState(selectStructureAction, null);
  return (
    // Keyed by the current structure: a select keeps what it showed across renders, so without the
    // key it would still name the previous structure after a switch or a creation.
    <form key={current.id} action={action} className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor="structure-courante">Structure</label>
      <select
        id="structure-courante"
        name="structureId"
        defaultValue={current.id}
        className="rounded border border-gray-600 bg-white px-2 py-1"
      >
        {all.map((structure) => (
          <option key={structure.id} value={structure.id}>
            {structure.name}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border-2 border-brand px-2 py-0.5 font-semibold text-brand">
        Changer
      </button>
    </form>
  );
}
