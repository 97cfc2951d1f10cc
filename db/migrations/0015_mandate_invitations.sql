CREATE TABLE `mandate_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_structure_id` integer NOT NULL,
	`siret` text NOT NULL,
	`email` text NOT NULL,
	`can_edit` integer NOT NULL,
	`can_transmit` integer NOT NULL,
	`end_date` text,
	`token_hash` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` integer,
	`mandate_id` integer,
	`converted_at` integer,
	`cancelled_at` integer,
	`cancelled_by` integer,
	FOREIGN KEY (`agent_structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`used_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mandate_id`) REFERENCES `mandates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mandate_invitations_token_unique` ON `mandate_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `mandate_invitations_agent_idx` ON `mandate_invitations` (`agent_structure_id`,`status`);--> statement-breakpoint
CREATE INDEX `mandate_invitations_siret_idx` ON `mandate_invitations` (`siret`,`status`);