import { handlers } from "@/lib/auth/next-auth";

// Only GET (session, csrf): sign-in and sign-out go through our server actions, so a login can
// never bypass the throttling and the audit of authenticate(). See docs/decisions/0001-sessions.md.
export const { GET } = handlers;
