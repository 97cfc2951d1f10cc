CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`structure_id` integer NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_structure_code_unique` ON `services` (`structure_id`,`code`);--> statement-breakpoint
CREATE TABLE `spaces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`structure_id` integer NOT NULL,
	`kind` text NOT NULL,
	`can_view` integer NOT NULL,
	`can_edit` integer NOT NULL,
	`pacage` text,
	`beneficiary_category` text,
	`service_ids` text,
	`opened_at` integer NOT NULL,
	`opened_by` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spaces_one_open_per_kind` ON `spaces` (`structure_id`,`kind`) WHERE closed_at IS NULL;--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`space_id` integer NOT NULL,
	`can_view` integer NOT NULL,
	`can_edit` integer NOT NULL,
	`start_date` text NOT NULL,
	`status` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` integer,
	`reason` text,
	`ended_at` integer,
	`ended_by` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_one_pending` ON `subscriptions` (`user_id`,`space_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_one_approved` ON `subscriptions` (`user_id`,`space_id`) WHERE status = 'approved';--> statement-breakpoint
CREATE INDEX `subscriptions_space_status_idx` ON `subscriptions` (`space_id`,`status`);--> statement-breakpoint
CREATE INDEX `subscriptions_user_idx` ON `subscriptions` (`user_id`,`status`);