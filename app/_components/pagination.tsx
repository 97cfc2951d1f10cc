import Link from "next/link";

export const PAGE_SIZE = 50;

/** The page of a list to show, from a search parameter (1-based, clamped). */
export function pageOf<T>(items: T[], requested: string | undefined): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(requested ?? "1", 10) || 1));
  return { items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), page, pages };
}

/** « Page 2 sur 4 » with previous / next links that keep the other parameters. */
export function Pagination({ label, param, page, pages, params }: { label: string; param: string; page: number; pages: number; params: Record<string, string | undefined> }) {
  if (pages <= 1) return null;
  const href = (target: number) => {
    const query = new URLSearchParams(Object.entries({ ...params, [param]: String(target) }).filter((e): e is [string, string] => e[1] !== undefined));
    return `?${query}`;
  };
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center gap-4">
      {page > 1 ? <Link href={href(page - 1)}>Page précédente</Link> : null}
      <span aria-current="page">{`Page ${page} sur ${pages}`}</span>
      {page < pages ? <Link href={href(page + 1)}>Page suivante</Link> : null}
    </nav>
  );
}
