ALTER TABLE `refund_requests` ADD `advance_received` integer;--> statement-breakpoint
UPDATE `refund_requests` SET `advance_received` = CASE WHEN `advance_cents` > 0 THEN 1 WHEN `advance_cents` = 0 THEN 0 ELSE NULL END WHERE `year` = 2024;
