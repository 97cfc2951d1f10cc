CREATE TABLE `payment_order_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`holder` text NOT NULL,
	`iban` text NOT NULL,
	`bic` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`end_to_end_id` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `payment_orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `refund_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_order_items_request_unique` ON `payment_order_items` (`request_id`);--> statement-breakpoint
CREATE INDEX `payment_order_items_order_idx` ON `payment_order_items` (`order_id`);--> statement-breakpoint
CREATE TABLE `payment_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by_agent_id` integer NOT NULL,
	`transaction_count` integer NOT NULL,
	`control_sum_cents` integer NOT NULL,
	`xml` text NOT NULL,
	`executed_on` text,
	`executed_at` integer,
	`executed_by_agent_id` integer,
	FOREIGN KEY (`created_by_agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`executed_by_agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_orders_reference_unique` ON `payment_orders` (`reference`);--> statement-breakpoint
CREATE TABLE `refund_message_lines` (
	`message_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `refund_messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`line_id`) REFERENCES `refund_lines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refund_message_lines_unique` ON `refund_message_lines` (`message_id`,`line_id`);--> statement-breakpoint
CREATE TABLE `refund_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`author_agent_id` integer,
	`author_user_id` integer,
	`body` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `refund_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refund_messages_request_idx` ON `refund_messages` (`request_id`,`at`);--> statement-breakpoint
ALTER TABLE `refund_lines` ADD `accepted_volume_milli` integer;--> statement-breakpoint
ALTER TABLE `refund_lines` ADD `accepted_amount_cents` integer;--> statement-breakpoint
ALTER TABLE `refund_lines` ADD `reduction_motive` text;--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `transmitted_at` integer;--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `instructor_agent_id` integer REFERENCES agents(id);--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `decided_at` integer;--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `decided_by_agent_id` integer REFERENCES agents(id);--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `accepted_cents` integer;--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `rejection_reason` text;--> statement-breakpoint
CREATE INDEX `refund_requests_status_transmitted_idx` ON `refund_requests` (`status`,`transmitted_at`);--> statement-breakpoint
CREATE INDEX `refund_requests_instructor_idx` ON `refund_requests` (`instructor_agent_id`,`status`);--> statement-breakpoint
ALTER TABLE `refund_status_events` ADD `actor_agent_id` integer REFERENCES agents(id);--> statement-breakpoint
UPDATE `refund_requests` SET `transmitted_at` = (SELECT max(e.`at`) FROM `refund_status_events` e WHERE e.`request_id` = `refund_requests`.`id` AND e.`status` = 'submitted') WHERE `status` <> 'draft';
