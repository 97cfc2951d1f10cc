/**
 * How a person is named on every page, mail and letter: « Prénom Nom ». One home (issue 18), pure
 * (client components may use it).
 */
export function fullName(person: { firstName: string; lastName: string }): string;
export function fullName(firstName: string | null, lastName: string | null): string;
export function fullName(first: { firstName: string; lastName: string } | string | null, last?: string | null): string {
  if (first !== null && typeof first === "object") return `${first.firstName} ${first.lastName}`;
  return [first, last].filter(Boolean).join(" ");
}
