import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Dates are stored as integer milliseconds since the epoch (UTC). */
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

/** SQL twin of lib/agents/departements.ts departementOf(): Corsica 2A/2B, overseas on three digits. */
const DEPARTEMENT_OF_POSTAL_CODE = sql`CASE WHEN postal_code IS NULL OR length(postal_code) <> 5 THEN NULL WHEN substr(postal_code, 1, 2) = '20' THEN CASE WHEN postal_code < '20200' THEN '2A' ELSE '2B' END WHEN substr(postal_code, 1, 2) IN ('97', '98') THEN substr(postal_code, 1, 3) ELSE substr(postal_code, 1, 2) END`;

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Lower-cased; the identifier used to sign in. */
    loginEmail: text("login_email").notNull(),
    contactEmail: text("contact_email").notNull(),
    lastName: text("last_name").notNull(),
    firstName: text("first_name").notNull(),
    phone: text("phone"),
    /** SIRET given at sign-up, digits only: proposed first when asking for an attachment. */
    siret: text("siret").notNull(),
    addressStreet: text("address_street").notNull(),
    addressComplement: text("address_complement"),
    postalCode: text("postal_code").notNull(),
    city: text("city").notNull(),
    termsAcceptedAt: timestamp("terms_accepted_at").notNull(),
    status: text("status", { enum: ["pending", "active", "disabled"] })
      .notNull()
      .default("pending"),
    passwordHash: text("password_hash"),
    secretQuestion: text("secret_question"),
    secretAnswerHash: text("secret_answer_hash"),
    createdAt: timestamp("created_at").notNull(),
    activatedAt: timestamp("activated_at"),
    passwordChangedAt: timestamp("password_changed_at"),
  },
  (t) => [uniqueIndex("users_login_email_unique").on(t.loginEmail)],
);

/** Single-use links sent by mail. Only the SHA-256 of the token is stored. */
export const mailTokens = sqliteTable(
  "mail_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["activation", "recovery"] }).notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    /** Set when the link is used, replaced by a newer one, or spent by wrong answers. */
    usedAt: timestamp("used_at"),
    failedAnswers: integer("failed_answers").notNull().default(0),
  },
  (t) => [uniqueIndex("mail_tokens_hash_unique").on(t.tokenHash), index("mail_tokens_user_purpose_idx").on(t.userId, t.purpose)],
);

/** One row per signed-in browser; the JWT only carries the row id, so a row can be revoked. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    /** Set once next-auth has issued the cookie for this row: a row is bound at most once. */
    boundAt: timestamp("bound_at"),
    revokedAt: timestamp("revoked_at"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: timestamp("at").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** An administration agent's action (never shown to the farms: they see the service). */
    actorAgentId: integer("actor_agent_id").references(() => agents.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    /** JSON; never holds a password, an answer, a token or a full address. */
    details: text("details"),
  },
  (t) => [
    index("audit_events_actor_idx").on(t.actorUserId, t.at),
    index("audit_events_agent_idx").on(t.actorAgentId, t.at),
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.at),
  ],
);

/** Every mail is written here in the transaction that causes it, then delivered after commit. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    createdAt: timestamp("created_at").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    template: text("template").notNull(),
    /** JSON props of the template; cleared once delivered by Resend (they may hold a live link). */
    props: text("props"),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at"),
    transport: text("transport"),
    providerId: text("provider_id"),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_to_idx").on(t.to)],
);

/**
 * Notices waiting for a person's daily digest: the steps they chose to get once a day, and those
 * beyond one mail per pair and kind a day (docs/decisions/0021). Sent the next morning as one mail.
 */
export const digestItems = sqliteTable(
  "digest_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The template of the mail this notice stands for. */
    kind: text("kind").notNull(),
    text: text("text").notNull(),
    link: text("link").notNull(),
    createdAt: timestamp("created_at").notNull(),
    /** The digest mail that carried it; null while waiting. */
    outboxId: integer("outbox_id").references(() => outbox.id, { onDelete: "set null" }),
    sentAt: timestamp("sent_at"),
  },
  (t) => [index("digest_items_waiting_idx").on(t.sentAt, t.userId, t.createdAt)],
);

/** Fixed-window counters for rate limits, and failure counters for sign-in throttling. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
  /** Sign-in throttling: no attempt is examined before this instant (ms). */
  blockedUntil: integer("blocked_until")
    .notNull()
    .default(sql`0`),
});

/**
 * The local copy of the SIRENE directory (« base INSEE »), filled by `npm run directory:import`
 * from the official stock files. One row per establishment; names come from the legal units.
 */
export const directoryEstablishments = sqliteTable(
  "directory_establishments",
  {
    siret: text("siret").primaryKey(),
    siren: text("siren").notNull(),
    /** enseigne1Etablissement, else denominationUsuelleEtablissement: used when the legal unit is unknown. */
    establishmentName: text("establishment_name"),
    street: text("street"),
    complement: text("complement"),
    postalCode: text("postal_code"),
    city: text("city"),
    nafCode: text("naf_code"),
    isHeadOffice: integer("is_head_office", { mode: "boolean" }).notNull(),
    isActive: integer("is_active", { mode: "boolean" }).notNull(),
    /** 'P': partially non-public person: name and address are not shown. */
    isDiffusible: integer("is_diffusible", { mode: "boolean" }).notNull(),
  },
  (t) => [index("directory_establishments_siren_idx").on(t.siren)],
);

export const directoryLegalUnits = sqliteTable("directory_legal_units", {
  siren: text("siren").primaryKey(),
  /** Raison sociale, or « Prénom Nom » for a natural person. */
  name: text("name"),
  legalCategory: text("legal_category"),
  nafCode: text("naf_code"),
  isActive: integer("is_active", { mode: "boolean" }).notNull(),
  isDiffusible: integer("is_diffusible", { mode: "boolean" }).notNull(),
});

/** A legal entity on the portal, identified by its SIRET. */
export const structures = sqliteTable(
  "structures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    siret: text("siret").notNull(),
    siren: text("siren").notNull(),
    name: text("name").notNull(),
    rcs: text("rcs"),
    street: text("street"),
    complement: text("complement"),
    postalCode: text("postal_code"),
    city: text("city"),
    nafCode: text("naf_code"),
    legalCategory: text("legal_category"),
    status: text("status", { enum: ["active", "inactive"] })
      .notNull()
      .default("active"),
    isManagementCentre: integer("is_management_centre", { mode: "boolean" }).notNull(),
    mainManagerId: integer("main_manager_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    /**
     * Whether the gestionnaire principal has shown a link to the SIRET (code sent by post, or an
     * operator's review). Unverified by default, existing rows included: see ADR 0016.
     */
    verificationStatus: text("verification_status", { enum: ["unverified", "verified", "suspended"] })
      .notNull()
      .default("unverified"),
    verifiedAt: timestamp("verified_at"),
    /**
     * The département of the establishment's SIRENE postal code (« 12 », « 2A », « 971 »), computed
     * by SQLite; null without a postal code. Agents' competence is by département (ADR 0020).
     */
    departement: text("departement").generatedAlwaysAs(DEPARTEMENT_OF_POSTAL_CODE, { mode: "virtual" }),
  },
  (t) => [
    uniqueIndex("structures_siret_unique").on(t.siret),
    index("structures_main_manager_idx").on(t.mainManagerId),
    index("structures_departement_idx").on(t.departement),
  ],
);

/** A user's link to a structure. At most one pending and one approved per user and structure. */
export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    structureId: integer("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "approved", "refused", "cancelled", "revoked"] }).notNull(),
    requestedAt: timestamp("requested_at").notNull(),
    decidedAt: timestamp("decided_at"),
    decidedBy: integer("decided_by").references(() => users.id),
    reason: text("reason"),
    /** JSON array of the services the requester chose, when the structure has some. */
    serviceIds: text("service_ids"),
  },
  (t) => [
    uniqueIndex("attachments_one_pending")
      .on(t.userId, t.structureId)
      .where(sql`status = 'pending'`),
    uniqueIndex("attachments_one_approved")
      .on(t.userId, t.structureId)
      .where(sql`status = 'approved'`),
    index("attachments_structure_status_idx").on(t.structureId, t.status),
    index("attachments_user_idx").on(t.userId, t.status),
  ],
);

/** The structure each user is working on (several are possible; the portal shows which). */
export const userPreferences = sqliteTable("user_preferences", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  currentStructureId: integer("current_structure_id").references(() => structures.id, { onDelete: "set null" }),
  /** One mail a day listing the steps on client farms, instead of a mail per step (issue 21, point 12). */
  dailyDigest: integer("daily_digest", { mode: "boolean" }).notNull().default(false),
});

/** A department of a structure; spaces may be opened for some services only. */
export const services = sqliteTable(
  "services",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    structureId: integer("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    label: text("label").notNull(),
    isActive: integer("is_active", { mode: "boolean" }).notNull().default(true),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [uniqueIndex("services_structure_code_unique").on(t.structureId, t.code)],
);

/** A space (function of the portal) opened on a structure by its gestionnaire principal. */
export const spaces = sqliteTable(
  "spaces",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    structureId: integer("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["ticRefund", "supportRequests"] }).notNull(),
    canView: integer("can_view", { mode: "boolean" }).notNull(),
    canEdit: integer("can_edit", { mode: "boolean" }).notNull(),
    pacage: text("pacage"),
    beneficiaryCategory: text("beneficiary_category"),
    /** JSON array of service ids; null means the whole structure. */
    serviceIds: text("service_ids"),
    openedAt: timestamp("opened_at").notNull(),
    openedBy: integer("opened_by")
      .notNull()
      .references(() => users.id),
    closedAt: timestamp("closed_at"),
  },
  (t) => [
    uniqueIndex("spaces_one_open_per_kind")
      .on(t.structureId, t.kind)
      .where(sql`closed_at IS NULL`),
    // The manager's pending subscriptions (counted on every page): from their structures, not a scan of every subscription.
    index("spaces_structure_idx").on(t.structureId),
  ],
);

/** A member's access to an opened space, from a start date, with the rights granted. */
export const subscriptions = sqliteTable(
  "subscriptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    spaceId: integer("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    canView: integer("can_view", { mode: "boolean" }).notNull(),
    canEdit: integer("can_edit", { mode: "boolean" }).notNull(),
    /** ISO date (AAAA-MM-JJ, Europe/Paris) from which the rights apply. */
    startDate: text("start_date").notNull(),
    status: text("status", { enum: ["pending", "approved", "refused", "cancelled", "ended"] }).notNull(),
    requestedAt: timestamp("requested_at").notNull(),
    decidedAt: timestamp("decided_at"),
    decidedBy: integer("decided_by").references(() => users.id),
    reason: text("reason"),
    endedAt: timestamp("ended_at"),
    endedBy: integer("ended_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("subscriptions_one_pending")
      .on(t.userId, t.spaceId)
      .where(sql`status = 'pending'`),
    uniqueIndex("subscriptions_one_approved")
      .on(t.userId, t.spaceId)
      .where(sql`status = 'approved'`),
    index("subscriptions_space_status_idx").on(t.spaceId, t.status),
    index("subscriptions_user_idx").on(t.userId, t.status),
  ],
);

/** « officiel », « calculé », or « provisoire » (calculated from a figure not yet settled by a source). */
export const RATE_KINDS = ["official", "calculated", "provisional"] as const;

export const REFUND_PRODUCTS = ["gnr", "heavyFuelOil", "lpg", "naturalGasHeating", "naturalGasFuel"] as const;

/**
 * Unit refund rates by product and delivery period, each with its source and whether the figure is
 * official or calculated (normal tariff − reduced agricultural tariff). Loaded from
 * db/rates/taux-remboursement.csv at every start (lib/refunds/rates-file.ts) and by
 * `npm run rates:import`. Rates are in thousandths of a euro per unit (13.765 € → 13765).
 */
export const refundRates = sqliteTable(
  "refund_rates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    product: text("product", { enum: REFUND_PRODUCTS }).notNull(),
    /** First and last delivery dates covered, ISO (AAAA-MM-JJ). */
    validFrom: text("valid_from").notNull(),
    validTo: text("valid_to").notNull(),
    rateMilliEuros: integer("rate_milli_euros").notNull(),
    /** « hl », « 100 kg » or « MWh »: checked against the product on import. */
    unit: text("unit").notNull().default(""),
    /** Title of the source. */
    source: text("source").notNull(),
    sourceUrl: text("source_url").notNull().default(""),
    kind: text("kind", { enum: RATE_KINDS }).notNull().default("official"),
  },
  (t) => [index("refund_rates_product_idx").on(t.product, t.validFrom)],
);

/**
 * Last day on which a request may be filed for deliveries of a product in a period (N+3 as a rule,
 * with exceptions). Loaded from db/rates/delais-depot.csv with the rates.
 */
export const refundDeadlines = sqliteTable(
  "refund_deadlines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    product: text("product", { enum: REFUND_PRODUCTS }).notNull(),
    validFrom: text("valid_from").notNull(),
    validTo: text("valid_to").notNull(),
    /** ISO date: the last filing day. */
    fileBy: text("file_by").notNull(),
    source: text("source").notNull(),
    sourceUrl: text("source_url").notNull(),
  },
  (t) => [uniqueIndex("refund_deadlines_product_from_unique").on(t.product, t.validFrom)],
);

/**
 * Uploaded documents (RIB, invoices) and generated receipts, kept in the database itself: a file
 * and the row that points to it are written in one transaction, and backed up together.
 */
export const storedFiles = sqliteTable(
  "stored_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    structureId: integer("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["rib", "invoice", "receipt"] }).notNull(),
    /** Read from the bytes, never from the name. */
    mediaType: text("media_type", { enum: ["application/pdf", "image/png", "image/jpeg"] }).notNull(),
    /** The name the user gave, shown back to them only. */
    originalName: text("original_name").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: text("sha256").notNull(),
    content: blob("content", { mode: "buffer" }).notNull(),
    uploadedAt: timestamp("uploaded_at").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
  },
  (t) => [index("stored_files_structure_idx").on(t.structureId)],
);

/** « Références bancaires » of a structure. Several may exist; one is the default. */
export const bankAccounts = sqliteTable(
  "bank_accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    structureId: integer("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    holder: text("holder").notNull(),
    /** Normalised: upper case, no spaces. */
    iban: text("iban").notNull(),
    bic: text("bic").notNull(),
    ribFileId: integer("rib_file_id")
      .notNull()
      .references(() => storedFiles.id),
    isDefault: integer("is_default", { mode: "boolean" }).notNull(),
    createdAt: timestamp("created_at").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    /** Withdrawn accounts stay for the requests that used them. */
    removedAt: timestamp("removed_at"),
  },
  (t) => [
    index("bank_accounts_structure_idx").on(t.structureId),
    // « IBAN also used by another structure » (instruction checks, ADR 0026).
    index("bank_accounts_iban_idx").on(t.iban),
    uniqueIndex("bank_accounts_one_default")
      .on(t.structureId)
      .where(sql`is_default = 1 AND removed_at IS NULL`),
  ],
);

/**
 * « accepted » (« Accordée ») waits for a payment order; « payment » (« Mise en paiement ») is in one;
 * « paid » (« Payée ») once the payer marks the order executed (issue 20, ADR 0026).
 */
export const REFUND_STATUSES = ["draft", "submitted", "processing", "incomplete", "accepted", "payment", "paid", "rejected"] as const;

/** « Rejeter »: the motive chosen from the list (hors délai, non éligible, pièces manquantes après relance, autre). */
export const REJECTION_REASONS = ["late", "ineligible", "missing_documents", "other"] as const;

/** A refund request: one per structure and delivery year. */
export const refundRequests = sqliteTable(
  "refund_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    structureId: integer("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    status: text("status", { enum: REFUND_STATUSES }).notNull(),
    /** Given at the first transmission, kept afterwards. */
    reference: text("reference"),
    bankAccountId: integer("bank_account_id").references(() => bankAccounts.id),
    /** « Montant de l'avance perçue » (2024 requests, décret 2024-76), in cents; null when not given. */
    advanceCents: integer("advance_cents"),
    /** « Avez-vous perçu l'avance de 2024 ? » (2024 requests): null until answered. */
    advanceReceived: integer("advance_received", { mode: "boolean" }),
    /** Sworn statement: the company is not « en difficulté ». */
    notInDifficulty: integer("not_in_difficulty", { mode: "boolean" }).notNull().default(false),
    pacage: text("pacage"),
    beneficiaryCategory: text("beneficiary_category"),
    createdAt: timestamp("created_at").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at").notNull(),
    /** Bumped by every change: a transmission applies only to the version its receipt shows. */
    version: integer("version").notNull().default(0),
    /** The last transmission (the first, or « Confirmer et transmettre de nouveau »): lists sort and filter on it. */
    transmittedAt: timestamp("transmitted_at"),
    /** The instructor who follows the request (« Prendre en charge »); null: « À instruire ». */
    instructorAgentId: integer("instructor_agent_id").references(() => agents.id),
    /** « Accepter » / « Rejeter »: when, by whom, the accepted amount (cents), the rejection's motive and text. */
    decidedAt: timestamp("decided_at"),
    decidedByAgentId: integer("decided_by_agent_id").references(() => agents.id),
    acceptedCents: integer("accepted_cents"),
    rejectionReason: text("rejection_reason", { enum: REJECTION_REASONS }),
    /**
     * The structure's département, copied by triggers (migration 0018) from structures.departement,
     * never written by the code: the instructors' list reads its competence from one index (ADR 0026).
     */
    departement: text("departement"),
    /**
     * The checks that fire (bit i: CHECKS[i] of lib/instruction/checks.ts), kept by the triggers of
     * migration 0018 from the same conditions; never written by the code (ADR 0026 « Speed »).
     */
    checksFired: integer("checks_fired").notNull().default(0),
    /**
     * The sum of the lines' amounts, kept by the triggers of migration 0019 (ADR 0034); never written
     * by the code. « Demandes » sorts and filters on it through an index.
     */
    linesTotalCents: integer("lines_total_cents").notNull().default(0),
  },
  (t) => [
    uniqueIndex("refund_requests_structure_year_unique").on(t.structureId, t.year),
    uniqueIndex("refund_requests_reference_unique").on(t.reference),
    index("refund_requests_status_transmitted_idx").on(t.status, t.transmittedAt),
    index("refund_requests_instructor_idx").on(t.instructorAgentId, t.status),
    index("refund_requests_departement_idx").on(t.departement, t.status, t.instructorAgentId, t.transmittedAt, t.checksFired),
    // « Demandes » in transmission order: the page is the first 25 entries of one département (ADR 0032).
    index("refund_requests_departement_transmitted_idx").on(t.departement, t.transmittedAt, t.status),
    // « Demandes » by amount (sort, « entre … et … »): a walk of the département's totals (ADR 0034).
    index("refund_requests_departement_total_idx").on(t.departement, t.linesTotalCents, t.status),
    // « Demandes » of one year (the campaign's filter): its page and its counts read that year's entries only (ADR 0034).
    index("refund_requests_departement_year_idx").on(t.departement, t.year, t.transmittedAt, t.status, t.instructorAgentId, t.checksFired),
    // A structure's requests in one status (« Accueil », the contest's outcome): never the country's (ADR 0032).
    index("refund_requests_structure_status_idx").on(t.structureId, t.status),
    // The stored checks' triggers of a bank account find the requests paid to it (ADR 0032).
    index("refund_requests_bank_account_idx").on(t.bankAccountId),
  ],
);

/**
 * How many requests each département holds by status, instructor (0: nobody) and « signalée », kept by triggers
 * (migration 0017) and never written by the code: the tabs of « Demandes » count from these few
 * rows instead of reading every request of the départements (ADR 0032).
 */
export const requestTallies = sqliteTable(
  "request_tallies",
  {
    departement: text("departement").notNull(),
    status: text("status", { enum: REFUND_STATUSES }).notNull(),
    instructorAgentId: integer("instructor_agent_id").notNull(),
    /** 1 when one of the checks fires (refund_requests.checks_fired <> 0): « signalées » counts from here too. */
    flagged: integer("flagged").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.departement, t.status, t.instructorAgentId, t.flagged] })],
);

/** One line per invoice. Rate and amount are fixed when the line is written. */
export const refundLines = sqliteTable(
  "refund_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => refundRequests.id, { onDelete: "cascade" }),
    invoiceNumber: text("invoice_number").notNull(),
    /** ISO date (AAAA-MM-JJ). */
    deliveryDate: text("delivery_date").notNull(),
    product: text("product", { enum: REFUND_PRODUCTS }).notNull(),
    volumeMilli: integer("volume_milli").notNull(),
    rateMilliEuros: integer("rate_milli_euros").notNull(),
    /** The rate's nature and source when the line was written, as the receipt shows them (null on older lines). */
    rateKind: text("rate_kind", { enum: RATE_KINDS }),
    rateSource: text("rate_source"),
    amountCents: integer("amount_cents").notNull(),
    /** GNR delivered from 1 July 2024: the user says the invoice was billed at the full tariff. */
    billedFullTariff: integer("billed_full_tariff", { mode: "boolean" }),
    invoiceFileId: integer("invoice_file_id").references(() => storedFiles.id),
    /** « Accepter » line by line: the accepted volume and amount; a motive when reduced. Null until decided. */
    acceptedVolumeMilli: integer("accepted_volume_milli"),
    acceptedAmountCents: integer("accepted_amount_cents"),
    reductionMotive: text("reduction_motive"),
    createdAt: timestamp("created_at").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
  },
  // One invoice may carry several products or deliveries.
  (t) => [
    uniqueIndex("refund_lines_invoice_product_date_unique").on(t.requestId, t.invoiceNumber, t.product, t.deliveryDate),
    // « Same invoice number on another request » (instruction checks, ADR 0026).
    index("refund_lines_invoice_number_idx").on(t.invoiceNumber),
  ],
);

/** The timeline of a request: every status it went through, when, by whom, and why. */
export const refundStatusEvents = sqliteTable(
  "refund_status_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => refundRequests.id, { onDelete: "cascade" }),
    status: text("status", { enum: REFUND_STATUSES }).notNull(),
    at: timestamp("at").notNull(),
    /** The person on the farm's side (transmission), or null when the administration acted. */
    actorUserId: integer("actor_user_id").references(() => users.id),
    /** The agent who acted (issue 20); null for the farm's steps and the old command-line tool. */
    actorAgentId: integer("actor_agent_id").references(() => agents.id),
    motif: text("motif"),
    /** For a transmission: the receipt generated for it. */
    receiptFileId: integer("receipt_file_id").references(() => storedFiles.id),
  },
  (t) => [index("refund_status_events_request_idx").on(t.requestId, t.at)],
);

/**
 * Letters carrying a one-time verification code, posted to the SIRENE address of the structure.
 * Only the code's SHA-256 is kept; the printable PDF (which shows the code) waits in the operator
 * queue and is cleared once the operator says it was posted.
 */
export const verificationLetters = sqliteTable(
  "verification_letters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    structureId: integer("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    requestedBy: integer("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    /** The letter to print; null once posted. */
    pdf: blob("pdf", { mode: "buffer" }),
    sentAt: timestamp("sent_at"),
    sentBy: text("sent_by"),
    /** Every entry counts, the right one too: claimed before the code is compared. */
    attempts: integer("attempts").notNull().default(0),
    usedAt: timestamp("used_at"),
    /** Replaced by a newer letter, or made useless by a verification or a contest's outcome. */
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [index("verification_letters_structure_idx").on(t.structureId, t.createdAt)],
);

/** « Contester la gestion »: someone says the gestionnaire principal has no right to the structure. */
export const structureContests = sqliteTable(
  "structure_contests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    structureId: integer("structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The gestionnaire principal at the time of the contest. */
    managerId: integer("manager_id")
      .notNull()
      .references(() => users.id),
    motif: text("motif").notNull(),
    status: text("status", { enum: ["pending", "kept", "transferred", "suspended"] }).notNull(),
    createdAt: timestamp("created_at").notNull(),
    resolvedAt: timestamp("resolved_at"),
    resolvedBy: text("resolved_by"),
    resolutionMotif: text("resolution_motif"),
  },
  (t) => [
    uniqueIndex("structure_contests_one_pending")
      .on(t.userId, t.structureId)
      .where(sql`status = 'pending'`),
    index("structure_contests_status_idx").on(t.status, t.createdAt),
  ],
);

/**
 * « Mandat »: a farm lets another structure (its centre de gestion, its accountant) work on its
 * « Demande de remboursement TIC » space. Given by the farm's gestionnaire principal (active at
 * once), or asked by the other structure's and accepted by the farm's. The members of the mandated
 * structure then have the rights granted, until the end date (included) or until either side ends it.
 */
export const mandates = sqliteTable(
  "mandates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    farmStructureId: integer("farm_structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    agentStructureId: integer("agent_structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    /** « Modification » includes « Consultation »; transmission requires modification. */
    canEdit: integer("can_edit", { mode: "boolean" }).notNull(),
    canTransmit: integer("can_transmit", { mode: "boolean" }).notNull(),
    /** ISO date (AAAA-MM-JJ, Europe/Paris): last day of the mandate; null when open-ended. */
    endDate: text("end_date"),
    /** Who took the first step: the farm (« given ») or the mandated structure (« asked »). */
    origin: text("origin", { enum: ["given", "asked"] }).notNull(),
    status: text("status", { enum: ["pending", "active", "refused", "cancelled", "ended"] }).notNull(),
    requestedAt: timestamp("requested_at").notNull(),
    requestedBy: integer("requested_by")
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp("decided_at"),
    decidedBy: integer("decided_by").references(() => users.id),
    reason: text("reason"),
    endedAt: timestamp("ended_at"),
    endedBy: integer("ended_by").references(() => users.id),
  },
  (t) => [
    // One live mandate (asked or in force) per farm and mandated structure.
    uniqueIndex("mandates_one_live")
      .on(t.farmStructureId, t.agentStructureId)
      .where(sql`status IN ('pending', 'active')`),
    index("mandates_agent_status_idx").on(t.agentStructureId, t.status),
    index("mandates_farm_status_idx").on(t.farmStructureId, t.status),
  ],
);

/**
 * A mandate asked, from a centre's CSV file, of a farm not yet on the portal (issue 21, point 11;
 * ADR 0029): mailed to the farm's contact address with a single-use link (32 random bytes, only
 * the SHA-256 kept), expiring. Once a structure with that SIRET is created, the invitation becomes
 * an asked mandate (`mandate_id`) that the farm accepts or refuses as any other. « Expirée » is
 * read from `expires_at`, not run.
 */
export const mandateInvitations = sqliteTable(
  "mandate_invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agentStructureId: integer("agent_structure_id")
      .notNull()
      .references(() => structures.id, { onDelete: "cascade" }),
    siret: text("siret").notNull(),
    email: text("email").notNull(),
    canEdit: integer("can_edit", { mode: "boolean" }).notNull(),
    canTransmit: integer("can_transmit", { mode: "boolean" }).notNull(),
    /** ISO date: the last day of the mandate asked; null when open-ended. */
    endDate: text("end_date"),
    tokenHash: text("token_hash").notNull(),
    status: text("status", { enum: ["pending", "converted", "cancelled"] }).notNull(),
    createdAt: timestamp("created_at").notNull(),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp("expires_at").notNull(),
    /** The link followed (once) by this signed-in person. */
    usedAt: timestamp("used_at"),
    usedBy: integer("used_by").references(() => users.id),
    /** The asked mandate it became once the farm's structure was created. */
    mandateId: integer("mandate_id").references(() => mandates.id),
    convertedAt: timestamp("converted_at"),
    cancelledAt: timestamp("cancelled_at"),
    cancelledBy: integer("cancelled_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("mandate_invitations_token_unique").on(t.tokenHash),
    index("mandate_invitations_agent_idx").on(t.agentStructureId, t.status),
    index("mandate_invitations_siret_idx").on(t.siret, t.status),
  ],
);

/**
 * The background work (mail retries, daily purge, scheduled jobs) runs in one server process at a
 * time, the one holding this lease (one row, `name` = 'background'): renewed every few seconds,
 * taken over by another process once `expires_at` (ms) has passed. See docs/decisions/0025-workers.md.
 */
export const backgroundLeases = sqliteTable("background_leases", {
  name: text("name").primaryKey(),
  /** host:pid:random of the process holding it. */
  holder: text("holder").notNull(),
  acquiredAt: integer("acquired_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
});

/** When each scheduled job (purge, backups…) last started, whichever process ran it (ms). */
export const scheduledJobs = sqliteTable("scheduled_jobs", {
  name: text("name").primaryKey(),
  lastRunAt: integer("last_run_at").notNull(),
});

/**
 * The administration's agents (ADR 0020): not users of the farms' portal. Signed in with a
 * password and a second factor (TOTP); `identityProvider` names where the identity is proven
 * (« local » today; an OpenID Connect provider such as ProConnect later, then `externalSubject`).
 */
export const AGENT_ROLES = ["administrator", "instructor", "payer", "operator"] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const agents = sqliteTable(
  "agents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Lower-cased; the identifier used to sign in. */
    email: text("email").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    status: text("status", { enum: ["invited", "active", "disabled"] })
      .notNull()
      .default("invited"),
    identityProvider: text("identity_provider").notNull().default("local"),
    externalSubject: text("external_subject"),
    passwordHash: text("password_hash"),
    /** The TOTP secret, encrypted (AES-256-GCM, key derived from AUTH_SECRET). */
    totpSecret: text("totp_secret"),
    totpConfirmedAt: timestamp("totp_confirmed_at"),
    /** The last TOTP time step accepted: a code of this step or an earlier one is refused (replay). */
    totpLastStep: integer("totp_last_step"),
    createdAt: timestamp("created_at").notNull(),
    /** Null for the first administrator, created from the command line. */
    createdBy: integer("created_by"),
    activatedAt: timestamp("activated_at"),
    disabledAt: timestamp("disabled_at"),
    disabledReason: text("disabled_reason"),
  },
  (t) => [uniqueIndex("agents_email_unique").on(t.email)],
);

export const agentRoles = sqliteTable(
  "agent_roles",
  {
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    role: text("role", { enum: AGENT_ROLES }).notNull(),
    grantedAt: timestamp("granted_at").notNull(),
    grantedBy: integer("granted_by").references(() => agents.id),
  },
  (t) => [uniqueIndex("agent_roles_unique").on(t.agentId, t.role)],
);

/** The départements an agent works on (instructors, payers, operators). */
export const agentDepartements = sqliteTable(
  "agent_departements",
  {
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    departement: text("departement").notNull(),
    grantedAt: timestamp("granted_at").notNull(),
    grantedBy: integer("granted_by").references(() => agents.id),
  },
  (t) => [
    uniqueIndex("agent_departements_unique").on(t.agentId, t.departement),
    index("agent_departements_departement_idx").on(t.departement),
  ],
);

/** Single-use invitation links (24 hours); only the SHA-256 of the token is stored. */
export const agentInvitations = sqliteTable(
  "agent_invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    createdBy: integer("created_by").references(() => agents.id),
    usedAt: timestamp("used_at"),
  },
  (t) => [uniqueIndex("agent_invitations_hash_unique").on(t.tokenHash), index("agent_invitations_agent_idx").on(t.agentId)],
);

/** Ten single-use recovery codes per agent, given once at enrolment; stored as SHA-256 (high entropy). */
export const agentRecoveryCodes = sqliteTable(
  "agent_recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at"),
  },
  (t) => [uniqueIndex("agent_recovery_codes_hash_unique").on(t.codeHash), index("agent_recovery_codes_agent_idx").on(t.agentId)],
);

/**
 * Agents' sessions: their own table and cookie. `id` is the SHA-256 of the cookie's token. A row
 * without `secondFactorAt` only lets its holder type the second factor, for five minutes.
 */
export const agentSessions = sqliteTable(
  "agent_sessions",
  {
    id: text("id").primaryKey(),
    agentId: integer("agent_id")
      .notNull()
      .references(() => agents.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at").notNull(),
    secondFactorAt: timestamp("second_factor_at"),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    /** The hard limit: 10 hours after the second factor (5 minutes before it). */
    expiresAt: timestamp("expires_at").notNull(),
    revokedAt: timestamp("revoked_at"),
    ip: text("ip"),
  },
  (t) => [index("agent_sessions_agent_idx").on(t.agentId)],
);

/**
 * Messages between the administration and the farm on one request (« Demander un complément » and
 * the answers). Exactly one author: an agent or a user.
 */
export const refundMessages = sqliteTable(
  "refund_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => refundRequests.id, { onDelete: "cascade" }),
    authorAgentId: integer("author_agent_id").references(() => agents.id),
    authorUserId: integer("author_user_id").references(() => users.id),
    body: text("body").notNull(),
    at: timestamp("at").notNull(),
  },
  (t) => [index("refund_messages_request_idx").on(t.requestId, t.at)],
);

/** The lines a complement request points at (optional). */
export const refundMessageLines = sqliteTable(
  "refund_message_lines",
  {
    messageId: integer("message_id")
      .notNull()
      .references(() => refundMessages.id, { onDelete: "cascade" }),
    lineId: integer("line_id")
      .notNull()
      .references(() => refundLines.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("refund_message_lines_unique").on(t.messageId, t.lineId)],
);

/**
 * A payment order: one SEPA credit transfer file (pain.001.001.03) for accepted requests. Built by a
 * « Payeur », then marked executed with its date.
 */
export const paymentOrders = sqliteTable(
  "payment_orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The SEPA message identification (MsgId), unique. */
    reference: text("reference").notNull(),
    createdAt: timestamp("created_at").notNull(),
    createdByAgentId: integer("created_by_agent_id")
      .notNull()
      .references(() => agents.id),
    transactionCount: integer("transaction_count").notNull(),
    controlSumCents: integer("control_sum_cents").notNull(),
    /** The pain.001.001.03 file as built. */
    xml: text("xml").notNull(),
    /** ISO date (AAAA-MM-JJ) of execution, set by « Marquer comme payé ». */
    executedOn: text("executed_on"),
    executedAt: timestamp("executed_at"),
    executedByAgentId: integer("executed_by_agent_id").references(() => agents.id),
  },
  (t) => [uniqueIndex("payment_orders_reference_unique").on(t.reference)],
);

/** One transaction per request; the unique index keeps a request in at most one order. */
export const paymentOrderItems = sqliteTable(
  "payment_order_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => paymentOrders.id, { onDelete: "cascade" }),
    requestId: integer("request_id")
      .notNull()
      .references(() => refundRequests.id),
    /** Copied from the request's bank details when the order is built. */
    holder: text("holder").notNull(),
    iban: text("iban").notNull(),
    bic: text("bic").notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** EndToEndId of the transaction (the request's reference). */
    endToEndId: text("end_to_end_id").notNull(),
  },
  (t) => [uniqueIndex("payment_order_items_request_unique").on(t.requestId), index("payment_order_items_order_idx").on(t.orderId)],
);
