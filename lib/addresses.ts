/**
 * A postal address as the portal writes it, one home (issue 18): street, complement, then « code
 * postal commune »; missing parts left out. Pure (client components may use it).
 */
export type PostalAddress = { street: string | null; complement: string | null; postalCode: string | null; city: string | null };

/** The lines of the address, as on an envelope. */
export function addressLines(address: PostalAddress): string[] {
  return [address.street, address.complement, [address.postalCode, address.city].filter(Boolean).join(" ")].filter(
    (part): part is string => !!part && part.trim() !== "",
  );
}

/** The address on one line, parts separated by commas; "" when nothing is known. */
export function formatAddress(address: PostalAddress): string {
  return addressLines(address).join(", ");
}
