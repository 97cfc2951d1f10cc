/** What a service needs to know about the request it serves. */
export type RequestMeta = {
  /** The client's address (lib/security/client-address.ts). */
  ip: string | null;
  /** The browser's device cookie, if it sent one (lib/security/device-cookie.ts). */
  deviceCookie?: string | null;
};
