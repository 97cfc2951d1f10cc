import { Field } from "@/app/_components/field";

/** A GET search form: works without JavaScript and leaves the query in the address. */
export function SiretSearch({ action, siret, error }: { action: string; siret: string; error?: string }) {
  return (
    <form action={action} method="get" role="search" className="mt-6 flex flex-wrap items-end gap-3">
      <Field name="siret" label="N° de SIRET" inputMode="numeric" hint="14 chiffres" defaultValue={siret} error={error} className="mb-0" />
      <button type="submit" className="rounded bg-slate-900 px-5 py-2.5 font-semibold text-white">
        Rechercher
      </button>
    </form>
  );
}
