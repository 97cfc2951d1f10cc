CREATE INDEX `refund_lines_invoice_number_idx` ON `refund_lines` (`invoice_number`);--> statement-breakpoint
CREATE INDEX `bank_accounts_iban_idx` ON `bank_accounts` (`iban`);
