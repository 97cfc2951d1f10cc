CREATE TABLE `refund_deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`file_by` text NOT NULL,
	`source` text NOT NULL,
	`source_url` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refund_deadlines_product_from_unique` ON `refund_deadlines` (`product`,`valid_from`);--> statement-breakpoint
DROP INDEX `refund_lines_request_invoice_unique`;--> statement-breakpoint
ALTER TABLE `refund_lines` ADD `rate_kind` text;--> statement-breakpoint
ALTER TABLE `refund_lines` ADD `rate_source` text;--> statement-breakpoint
ALTER TABLE `refund_lines` ADD `billed_full_tariff` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `refund_lines_invoice_product_date_unique` ON `refund_lines` (`request_id`,`invoice_number`,`product`,`delivery_date`);--> statement-breakpoint
ALTER TABLE `refund_rates` ADD `unit` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `refund_rates` ADD `source_url` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `refund_rates` ADD `kind` text DEFAULT 'official' NOT NULL;--> statement-breakpoint
ALTER TABLE `refund_requests` ADD `advance_cents` integer;