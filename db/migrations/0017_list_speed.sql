-- « Demandes » (issue 20's bench line, ADR 0032): the tabs count from `request_tallies` (requests by
-- département, status, instructor (0 for nobody) and « signalée » (a check fired)), kept by the triggers below as the sum over the
-- requests of what each write adds and removes: an insert adds its row, an update moves it, a delete
-- removes it, whatever the order in which SQLite fires these and migration 0016's triggers (an
-- intermediate count may be negative, never the final one). The page reads the index
-- (departement, transmitted_at) in the order shown; (structure_id, status) keeps a structure's
-- requests in one status from being read through the country's (« Accueil »).
CREATE TABLE `request_tallies` (
	`departement` text NOT NULL,
	`status` text NOT NULL,
	`instructor_agent_id` integer NOT NULL,
	`flagged` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`departement`, `status`, `instructor_agent_id`, `flagged`)
);
--> statement-breakpoint
CREATE INDEX `refund_requests_departement_transmitted_idx` ON `refund_requests` (`departement`,`transmitted_at`,`status`);--> statement-breakpoint
CREATE INDEX `refund_requests_structure_status_idx` ON `refund_requests` (`structure_id`,`status`);--> statement-breakpoint
INSERT INTO `request_tallies` (`departement`, `status`, `instructor_agent_id`, `flagged`, `n`)
  SELECT coalesce(`departement`, ''), `status`, coalesce(`instructor_agent_id`, 0), `checks_fired` <> 0, count(*) FROM `refund_requests` GROUP BY 1, 2, 3, 4;--> statement-breakpoint
CREATE TRIGGER `refund_requests_tally_insert` AFTER INSERT ON `refund_requests` BEGIN
  INSERT INTO `request_tallies` VALUES (coalesce(NEW.`departement`, ''), NEW.`status`, coalesce(NEW.`instructor_agent_id`, 0), NEW.`checks_fired` <> 0, 1)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `refund_requests_tally_update` AFTER UPDATE OF `departement`, `status`, `instructor_agent_id`, `checks_fired` ON `refund_requests`
  WHEN OLD.`departement` IS NOT NEW.`departement` OR OLD.`status` IS NOT NEW.`status` OR OLD.`instructor_agent_id` IS NOT NEW.`instructor_agent_id`
    OR (OLD.`checks_fired` <> 0) <> (NEW.`checks_fired` <> 0) BEGIN
  INSERT INTO `request_tallies` VALUES (coalesce(OLD.`departement`, ''), OLD.`status`, coalesce(OLD.`instructor_agent_id`, 0), OLD.`checks_fired` <> 0, -1)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
  INSERT INTO `request_tallies` VALUES (coalesce(NEW.`departement`, ''), NEW.`status`, coalesce(NEW.`instructor_agent_id`, 0), NEW.`checks_fired` <> 0, 1)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;--> statement-breakpoint
CREATE TRIGGER `refund_requests_tally_delete` AFTER DELETE ON `refund_requests` BEGIN
  INSERT INTO `request_tallies` VALUES (coalesce(OLD.`departement`, ''), OLD.`status`, coalesce(OLD.`instructor_agent_id`, 0), OLD.`checks_fired` <> 0, -1)
    ON CONFLICT DO UPDATE SET `n` = `n` + excluded.`n`;
END;