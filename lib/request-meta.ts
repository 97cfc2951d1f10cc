/** What a service needs to know about the request it serves. */
export type RequestMeta = { ip: string | null };
