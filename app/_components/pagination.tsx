import Link from "next/link";
import { pageNumber } from "@/lib/search-params";

export const PAGE_SIZE = 50;

/** Which page of a list of `total` rows to show, from a search parameter (1-based, clamped), as SQL LIMIT/OFFSET. */
export function pageWindow(total: number, requested: string | undefined): { page: number; pages: number; limit: number; offset: number } {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(pages, pageNumber(requested));
  return { page, pages, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

/** « Page 2 sur 4 » with previous / next links that keep the other parameters. */
export function Pagination({
  label,
  param,
  page,
  pages,
  params,
}: {
  label: string;
  param: string;
  page: number;
  pages: number;
  params: Record<string, string | undefined>;
}) {
  if (pages <= 1) return null;
  const href = (target: number) => {
    const query = new URLSearchParams(
      Object.entries({ ...params, [param]: String(target) }).filter((e): e is [string, string] => e[1] !== undefined),
    );
    return `?${query}`;
  };
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center gap-4">
      {page > 1 ? (
        <Link href={href(page - 1)} className="touch-target inline-flex items-center">
          Page précédente
        </Link>
      ) : null}
      <span aria-current="page">{`Page ${page} sur ${pages}`}</span>
      {page < pages ? (
        <Link href={href(page + 1)} className="touch-target inline-flex items-center">
          Page suivante
        </Link>
      ) : null}
    </nav>
  );
}
