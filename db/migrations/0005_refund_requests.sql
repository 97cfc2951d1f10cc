CREATE TABLE `bank_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`structure_id` integer NOT NULL,
	`holder` text NOT NULL,
	`iban` text NOT NULL,
	`bic` text NOT NULL,
	`rib_file_id` integer NOT NULL,
	`is_default` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rib_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bank_accounts_structure_idx` ON `bank_accounts` (`structure_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `bank_accounts_one_default` ON `bank_accounts` (`structure_id`) WHERE is_default = 1 AND removed_at IS NULL;--> statement-breakpoint
CREATE TABLE `refund_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`invoice_number` text NOT NULL,
	`delivery_date` text NOT NULL,
	`product` text NOT NULL,
	`volume_milli` integer NOT NULL,
	`rate_milli_euros` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`invoice_file_id` integer,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `refund_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invoice_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refund_lines_request_invoice_unique` ON `refund_lines` (`request_id`,`invoice_number`);--> statement-breakpoint
CREATE TABLE `refund_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`structure_id` integer NOT NULL,
	`year` integer NOT NULL,
	`status` text NOT NULL,
	`reference` text,
	`bank_account_id` integer,
	`not_in_difficulty` integer DEFAULT false NOT NULL,
	`pacage` text,
	`beneficiary_category` text,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`bank_account_id`) REFERENCES `bank_accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refund_requests_structure_year_unique` ON `refund_requests` (`structure_id`,`year`);--> statement-breakpoint
CREATE UNIQUE INDEX `refund_requests_reference_unique` ON `refund_requests` (`reference`);--> statement-breakpoint
CREATE TABLE `refund_status_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`status` text NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`motif` text,
	`receipt_file_id` integer,
	FOREIGN KEY (`request_id`) REFERENCES `refund_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`receipt_file_id`) REFERENCES `stored_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refund_status_events_request_idx` ON `refund_status_events` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `stored_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`structure_id` integer NOT NULL,
	`kind` text NOT NULL,
	`media_type` text NOT NULL,
	`original_name` text NOT NULL,
	`byte_size` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`uploaded_at` integer NOT NULL,
	`uploaded_by` integer,
	FOREIGN KEY (`structure_id`) REFERENCES `structures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stored_files_structure_idx` ON `stored_files` (`structure_id`);