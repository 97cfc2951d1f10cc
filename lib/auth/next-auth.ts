import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { SESSION_HOURS } from "./sessions";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
  interface User {
    sid?: string;
  }
}

/**
 * next-auth issues and reads the encrypted session cookie (JWT). The password is checked before,
 * by authenticate() in our sign-in action, which creates a session row; the provider only binds
 * that fresh row to the cookie. The JWT carries the row id, so a row can be revoked at any time.
 * See docs/decisions/0001-sessions.md.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getConfig().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/connexion", error: "/connexion" },
  providers: [
    Credentials({
      credentials: { sessionId: {} },
      async authorize(credentials) {
        const sessionId = typeof credentials?.sessionId === "string" ? credentials.sessionId : "";
        const { bindSession } = await import("./sessions");
        const bound = bindSession(sessionId);
        if (!bound) throw new CredentialsSignin();
        return { id: String(bound.userId), sid: sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.sid) {
        token.sid = user.sid;
        return token;
      }
      // Read through /api/auth/session: a revoked, expired or disabled session is no session
      // (null empties the answer and clears the cookie), as for every page (getCurrentActor).
      const { resolveSession } = await import("./sessions");
      return typeof token.sid === "string" && resolveSession(token.sid) ? token : null;
    },
    session({ session, token }) {
      session.sid = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
  logger: {
    error(error) {
      // A refused binding is an expected outcome, already audited; not a stack trace in the logs.
      if (error.name === "CredentialsSignin") return;
      console.error(error);
    },
  },
}));
