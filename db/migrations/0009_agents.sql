CREATE TABLE `agent_departements` (
	`agent_id` integer NOT NULL,
	`departement` text NOT NULL,
	`granted_at` integer NOT NULL,
	`granted_by` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_departements_unique` ON `agent_departements` (`agent_id`,`departement`);--> statement-breakpoint
CREATE INDEX `agent_departements_departement_idx` ON `agent_departements` (`departement`);--> statement-breakpoint
CREATE TABLE `agent_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_by` integer,
	`used_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_invitations_hash_unique` ON `agent_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `agent_invitations_agent_idx` ON `agent_invitations` (`agent_id`);--> statement-breakpoint
CREATE TABLE `agent_recovery_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_recovery_codes_hash_unique` ON `agent_recovery_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `agent_recovery_codes_agent_idx` ON `agent_recovery_codes` (`agent_id`);--> statement-breakpoint
CREATE TABLE `agent_roles` (
	`agent_id` integer NOT NULL,
	`role` text NOT NULL,
	`granted_at` integer NOT NULL,
	`granted_by` integer,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agent_roles_unique` ON `agent_roles` (`agent_id`,`role`);--> statement-breakpoint
CREATE TABLE `agent_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`agent_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`second_factor_at` integer,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`ip` text,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `agent_sessions_agent_idx` ON `agent_sessions` (`agent_id`);--> statement-breakpoint
CREATE TABLE `agents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`status` text DEFAULT 'invited' NOT NULL,
	`identity_provider` text DEFAULT 'local' NOT NULL,
	`external_subject` text,
	`password_hash` text,
	`totp_secret` text,
	`totp_confirmed_at` integer,
	`totp_last_step` integer,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`activated_at` integer,
	`disabled_at` integer,
	`disabled_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_email_unique` ON `agents` (`email`);--> statement-breakpoint
ALTER TABLE `audit_events` ADD `actor_agent_id` integer REFERENCES agents(id);--> statement-breakpoint
CREATE INDEX `audit_events_agent_idx` ON `audit_events` (`actor_agent_id`,`at`);--> statement-breakpoint
ALTER TABLE `structures` ADD `departement` text GENERATED ALWAYS AS (CASE WHEN postal_code IS NULL OR length(postal_code) <> 5 THEN NULL WHEN substr(postal_code, 1, 2) = '20' THEN CASE WHEN postal_code < '20200' THEN '2A' ELSE '2B' END WHEN substr(postal_code, 1, 2) IN ('97', '98') THEN substr(postal_code, 1, 3) ELSE substr(postal_code, 1, 2) END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `structures_departement_idx` ON `structures` (`departement`);