-- « Demandes » by amount (ADR 0034): each request's total of its lines, stored and kept by the triggers below (recomputed
-- for every request a write touches, never written by the code), so that sorting or filtering the list by amount walks
-- the index (departement, lines_total_cents) instead of summing the lines of every request of the département.
ALTER TABLE `refund_requests` ADD `lines_total_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `refund_requests` AS r SET `lines_total_cents` = (SELECT coalesce(sum(l.`amount_cents`), 0) FROM `refund_lines` l WHERE l.`request_id` = r.`id`);--> statement-breakpoint
CREATE TRIGGER `refund_lines_total_insert` AFTER INSERT ON `refund_lines` BEGIN
  UPDATE `refund_requests` AS r SET `lines_total_cents` = (SELECT coalesce(sum(l.`amount_cents`), 0) FROM `refund_lines` l WHERE l.`request_id` = r.`id`)
    WHERE r.`id` = NEW.`request_id`;
END;--> statement-breakpoint
CREATE TRIGGER `refund_lines_total_update` AFTER UPDATE OF `request_id`, `amount_cents` ON `refund_lines` BEGIN
  UPDATE `refund_requests` AS r SET `lines_total_cents` = (SELECT coalesce(sum(l.`amount_cents`), 0) FROM `refund_lines` l WHERE l.`request_id` = r.`id`)
    WHERE r.`id` IN (OLD.`request_id`, NEW.`request_id`);
END;--> statement-breakpoint
CREATE TRIGGER `refund_lines_total_delete` AFTER DELETE ON `refund_lines` BEGIN
  UPDATE `refund_requests` AS r SET `lines_total_cents` = (SELECT coalesce(sum(l.`amount_cents`), 0) FROM `refund_lines` l WHERE l.`request_id` = r.`id`)
    WHERE r.`id` = OLD.`request_id`;
END;--> statement-breakpoint
CREATE INDEX `refund_requests_departement_total_idx` ON `refund_requests` (`departement`,`lines_total_cents`,`status`);
