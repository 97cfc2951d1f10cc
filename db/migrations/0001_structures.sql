CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`structure_id` integer NOT NULL,
	`status` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` integer,
	`reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_one_pending` ON `attachments` (`user_id`,`structure_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_one_approved` ON `attachments` (`user_id`,`structure_id`) WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX `attachments_structure_status_idx` ON `attachments` (`structure_id`,`status`);--> statement-breakpoint
CREATE INDEX `attachments_user_idx` ON `attachments` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `directory_establishments` (
	`siret` text PRIMARY KEY NOT NULL,
	`siren` text NOT NULL,
	`establishment_name` text,
	`street` text,
	`complement` text,
	`postal_code` text,
	`city` text,
	`naf_code` text,
	`is_head_office` integer NOT NULL,
	`is_active` integer NOT NULL,
	`is_diffusible` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `directory_establishments_siren_idx` ON `directory_establishments` (`siren`);--> statement-breakpoint
CREATE TABLE `directory_legal_units` (
	`siren` text PRIMARY KEY NOT NULL,
	`name` text,
	`legal_category` text,
	`naf_code` text,
	`is_active` integer NOT NULL,
	`is_diffusible` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `structures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`siret` text NOT NULL,
	`siren` text NOT NULL,
	`name` text NOT NULL,
	`rcs` text,
	`street` text,
	`complement` text,
	`postal_code` text,
	`city` text,
	`naf_code` text,
	`legal_category` text,
	`status` text DEFAULT 'active' NOT NULL,
	`is_management_centre` integer NOT NULL,
	`main_manager_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`main_manager_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `structures_siret_unique` ON `structures` (`siret`);--> statement-breakpoint
CREATE INDEX `structures_main_manager_idx` ON `structures` (`main_manager_id`);--> statement-breakpoint
CREATE TABLE `user_preferences` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`current_structure_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`current_structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE set null
);
