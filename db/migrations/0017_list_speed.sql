-- « Demandes » (issue 20's bench line, ADR 0032): the tabs count from `request_tallies` (requests by
-- département, status, instructor (0 for nobody) and « signalée » (a check fired)), kept by the triggers below as the sum over the
-- requests of what each write adds and removes: an insert adds its row, an update moves it, a delete
-- removes it, whatever the order in which SQLite fires these and migration 0016's triggers (an
-- intermediate count may be negative, never the final one). The page reads the index
-- (departement, transmitted_at) in the order shown; (structure_id, status) keeps a structure's
-- requests in one status from being read through the country's (« Accueil »); (bank_account_id) lets
-- the stored checks' triggers of a bank account find its requests without reading them all.
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
CREATE INDEX `refund_requests_bank_account_idx` ON `refund_requests` (`bank_account_id`);--> statement-breakpoint
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
--> statement-breakpoint
-- A new line or a new account can only raise « même n° de facture » (bit 0) or « coordonnées
-- bancaires » (bit 2) on the other requests sharing its invoice number or IBAN: those already
-- flagged are left alone. Otherwise a number or an IBAN shared by many requests made every insert
-- recompute them all (the national bench's seed, one IBAN for 200,000 farms, never finished).
DROP TRIGGER `refund_lines_checks_insert`;--> statement-breakpoint
CREATE TRIGGER `refund_lines_checks_insert` AFTER INSERT ON `refund_lines` BEGIN
  UPDATE `refund_requests` AS r SET `checks_fired` = (((EXISTS (SELECT 1 FROM refund_lines l JOIN refund_lines o ON o.invoice_number = l.invoice_number AND o.request_id <> l.request_id JOIN refund_requests q ON q.id = o.request_id AND q.status <> 'draft' WHERE l.request_id = r.id)) << 0) | ((EXISTS (SELECT 1 FROM refund_requests p WHERE p.structure_id = r.structure_id AND p.year = r.year - 1 AND p.status <> 'draft' AND EXISTS (SELECT 1 FROM refund_lines cl WHERE cl.request_id = r.id GROUP BY cl.product HAVING sum(cl.volume_milli) > 3 * (SELECT sum(pl.volume_milli) FROM refund_lines pl WHERE pl.request_id = p.id AND pl.product = cl.product)))) << 1) | ((EXISTS (SELECT 1 FROM bank_accounts b WHERE b.id = r.bank_account_id AND (b.created_at > r.transmitted_at - 2592000000 OR EXISTS (SELECT 1 FROM bank_accounts ob WHERE ob.iban = b.iban AND ob.structure_id <> b.structure_id)))) << 2) | ((EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = r.id AND l.invoice_file_id IS NULL)) << 3) | ((EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = r.id AND l.rate_kind IN ('calculated', 'provisional'))) << 4))
    WHERE r.id = NEW.request_id OR (r.id IN (SELECT request_id FROM refund_lines WHERE invoice_number = NEW.invoice_number) AND (r.checks_fired & 1) = 0) OR r.id IN (SELECT n.id FROM refund_requests p JOIN refund_requests n ON n.structure_id = p.structure_id AND n.year = p.year + 1 WHERE p.id = NEW.request_id);
END;--> statement-breakpoint
DROP TRIGGER `bank_accounts_checks_insert`;--> statement-breakpoint
CREATE TRIGGER `bank_accounts_checks_insert` AFTER INSERT ON `bank_accounts` BEGIN
  UPDATE `refund_requests` AS r SET `checks_fired` = (((EXISTS (SELECT 1 FROM refund_lines l JOIN refund_lines o ON o.invoice_number = l.invoice_number AND o.request_id <> l.request_id JOIN refund_requests q ON q.id = o.request_id AND q.status <> 'draft' WHERE l.request_id = r.id)) << 0) | ((EXISTS (SELECT 1 FROM refund_requests p WHERE p.structure_id = r.structure_id AND p.year = r.year - 1 AND p.status <> 'draft' AND EXISTS (SELECT 1 FROM refund_lines cl WHERE cl.request_id = r.id GROUP BY cl.product HAVING sum(cl.volume_milli) > 3 * (SELECT sum(pl.volume_milli) FROM refund_lines pl WHERE pl.request_id = p.id AND pl.product = cl.product)))) << 1) | ((EXISTS (SELECT 1 FROM bank_accounts b WHERE b.id = r.bank_account_id AND (b.created_at > r.transmitted_at - 2592000000 OR EXISTS (SELECT 1 FROM bank_accounts ob WHERE ob.iban = b.iban AND ob.structure_id <> b.structure_id)))) << 2) | ((EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = r.id AND l.invoice_file_id IS NULL)) << 3) | ((EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = r.id AND l.rate_kind IN ('calculated', 'provisional'))) << 4))
    WHERE r.bank_account_id = NEW.id OR (r.bank_account_id IN (SELECT id FROM bank_accounts WHERE iban = NEW.iban) AND (r.checks_fired & 4) = 0);
END;
--> statement-breakpoint
-- A line's other columns (accepted volumes, motives) and a request's steps between statuses that
-- are not « Brouillon » change no check of the other requests: those sharing an invoice number are
-- re-checked only when the number, the line's request or the request's draft state changes.
DROP TRIGGER `refund_lines_checks_update`;--> statement-breakpoint
CREATE TRIGGER `refund_lines_checks_update` AFTER UPDATE OF `request_id`, `invoice_number`, `product`, `volume_milli`, `invoice_file_id`, `rate_kind` ON `refund_lines` BEGIN
  UPDATE `refund_requests` AS r SET `checks_fired` = (((EXISTS (SELECT 1 FROM refund_lines l JOIN refund_lines o ON o.invoice_number = l.invoice_number AND o.request_id <> l.request_id JOIN refund_requests q ON q.id = o.request_id AND q.status <> 'draft' WHERE l.request_id = r.id)) << 0) | ((EXISTS (SELECT 1 FROM refund_requests p WHERE p.structure_id = r.structure_id AND p.year = r.year - 1 AND p.status <> 'draft' AND EXISTS (SELECT 1 FROM refund_lines cl WHERE cl.request_id = r.id GROUP BY cl.product HAVING sum(cl.volume_milli) > 3 * (SELECT sum(pl.volume_milli) FROM refund_lines pl WHERE pl.request_id = p.id AND pl.product = cl.product)))) << 1) | ((EXISTS (SELECT 1 FROM bank_accounts b WHERE b.id = r.bank_account_id AND (b.created_at > r.transmitted_at - 2592000000 OR EXISTS (SELECT 1 FROM bank_accounts ob WHERE ob.iban = b.iban AND ob.structure_id <> b.structure_id)))) << 2) | ((EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = r.id AND l.invoice_file_id IS NULL)) << 3) | ((EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = r.id AND l.rate_kind IN ('calculated', 'provisional'))) << 4))
    WHERE r.id = NEW.request_id OR r.id = OLD.request_id OR r.id IN (SELECT n.id FROM refund_requests p JOIN refund_requests n ON n.structure_id = p.structure_id AND n.year = p.year + 1 WHERE p.id IN (NEW.request_id, OLD.request_id))
      OR ((NEW.invoice_number IS NOT OLD.invoice_number OR NEW.request_id IS NOT OLD.request_id) AND r.id IN (SELECT request_id FROM refund_lines WHERE invoice_number IN (NEW.invoice_number, OLD.invoice_number)));
END;--> statement-breakpoint
DROP TRIGGER `refund_requests_checks_update`;--> statement-breakpoint
CREATE TRIGGER `refund_requests_checks_update` AFTER UPDATE OF `status`, `bank_account_id`, `transmitted_at`, `structure_id`, `year` ON `refund_requests` BEGIN
  UPDATE `refund_requests` AS r SET `checks_fired` = (((EXISTS (SELECT 1 FROM refund_lines l JOIN refund_lines o ON o.invoice_number = l.invoice_number AND o.request_id <> l.request_id JOIN refund_requests q ON q.id = o.request_id AND q.status <> 'draft' WHERE l.request_id = r.id)) << 0) | ((EXISTS (SELECT 1 FROM refund_requests p WHERE p.structure_id = r.structure_id AND p.year = r.year - 1 AND p.status <> 'draft' AND EXISTS (SELECT 1 FROM refund_lines cl WHERE cl.request_id = r.id GROUP BY cl.product HAVING sum(cl.volume_milli) > 3 * (SELECT sum(pl.volume_milli) FROM refund_lines pl WHERE pl.request_id = p.id AND pl.product = cl.product)))) << 1) | ((EXISTS (SELECT 1 FROM bank_accounts b WHERE b.id = r.bank_account_id AND (b.created_at > r.transmitted_at - 2592000000 OR EXISTS (SELECT 1 FROM bank_accounts ob WHERE ob.iban = b.iban AND ob.structure_id <> b.structure_id)))) << 2) | ((EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = r.id AND l.invoice_file_id IS NULL)) << 3) | ((EXISTS (SELECT 1 FROM refund_lines l WHERE l.request_id = r.id AND l.rate_kind IN ('calculated', 'provisional'))) << 4))
    WHERE r.id = NEW.id OR r.id = OLD.id OR (r.structure_id = NEW.structure_id AND r.year = NEW.year + 1) OR (r.structure_id = OLD.structure_id AND r.year = OLD.year + 1)
      OR ((OLD.status = 'draft') IS NOT (NEW.status = 'draft') AND r.id IN (SELECT o.request_id FROM refund_lines l JOIN refund_lines o ON o.invoice_number = l.invoice_number WHERE l.request_id = NEW.id));
END;
