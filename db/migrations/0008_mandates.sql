CREATE TABLE `mandates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`farm_structure_id` integer NOT NULL,
	`agent_structure_id` integer NOT NULL,
	`can_edit` integer NOT NULL,
	`can_transmit` integer NOT NULL,
	`end_date` text,
	`origin` text NOT NULL,
	`status` text NOT NULL,
	`requested_at` integer NOT NULL,
	`requested_by` integer NOT NULL,
	`decided_at` integer,
	`decided_by` integer,
	`reason` text,
	`ended_at` integer,
	`ended_by` integer,
	FOREIGN KEY (`farm_structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ended_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mandates_one_live` ON `mandates` (`farm_structure_id`,`agent_structure_id`) WHERE status IN ('pending', 'active');--> statement-breakpoint
CREATE INDEX `mandates_agent_status_idx` ON `mandates` (`agent_structure_id`,`status`);--> statement-breakpoint
CREATE INDEX `mandates_farm_status_idx` ON `mandates` (`farm_structure_id`,`status`);