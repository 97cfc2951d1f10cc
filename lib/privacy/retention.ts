/**
 * How long the portal keeps what it stores. The privacy page (« Données personnelles ») prints
 * these figures and `npm run data:purge` enforces them: one source, so the page cannot promise
 * what the command does not do.
 */
export const RETENTION_DAYS = {
  /** An account whose activation link was never used (it asked for one within the hour). */
  unactivatedAccount: 30,
  /** Activation and recovery links once used, replaced or expired. */
  spentMailToken: 7,
  /**
   * Invitations mailed by a centre to a farm not yet on the portal (its contact address), once expired, cancelled or turned into a
   * mandate (ADR 0029).
   */
  endedInvitation: 7,
  /** Sign-in sessions once expired or closed. */
  endedSession: 30,
  /** Sessions of the administration's agents once expired (10 hours, or 30 minutes idle) or closed. */
  endedAgentSession: 30,
  /** Counters of attempts (sign-up, sign-in, recovery) once their window is over. */
  rateLimit: 1,
  /** Mails the provider accepted (address, subject; their content was already cleared). */
  sentMail: 90,
  /** The steps a daily « Récapitulatif » mail carried (their text), once that mail is sent. */
  sentDigestItem: 7,
  /** The journal of actions (who did what, when, from which IP address). */
  auditEvent: 5 * 365,
} as const;

export type RetentionKind = keyof typeof RETENTION_DAYS;

export const DAY_MS = 86_400_000;
