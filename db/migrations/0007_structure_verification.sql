CREATE TABLE `structure_contests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`structure_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`manager_id` integer NOT NULL,
	`motif` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` text,
	`resolution_motif` text,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`manager_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `structure_contests_one_pending` ON `structure_contests` (`user_id`,`structure_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `structure_contests_status_idx` ON `structure_contests` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `verification_letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`structure_id` integer NOT NULL,
	`code_hash` text NOT NULL,
	`requested_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`pdf` blob,
	`sent_at` integer,
	`sent_by` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `verification_letters_structure_idx` ON `verification_letters` (`structure_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `structures` ADD `verification_status` text DEFAULT 'unverified' NOT NULL;--> statement-breakpoint
ALTER TABLE `structures` ADD `verified_at` integer;