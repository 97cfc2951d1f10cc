CREATE TABLE `refund_rates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`rate_milli_euros` integer NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `refund_rates_product_idx` ON `refund_rates` (`product`,`valid_from`);--> statement-breakpoint
INSERT INTO `refund_rates` (`product`, `valid_from`, `valid_to`, `rate_milli_euros`, `source`) VALUES
  ('gnr', '2015-01-01', '2015-12-31', 6980, 'DOMAIN.md : gazole non routier 6,98 €/hl (2015)'),
  ('gnr', '2016-01-01', '2016-12-31', 8970, 'DOMAIN.md : gazole non routier 8,97 €/hl (2016)'),
  ('gnr', '2017-01-01', '2017-12-31', 11230, 'DOMAIN.md : gazole non routier 11,23 €/hl (2017)'),
  ('gnr', '2018-01-01', '2023-12-31', 14960, 'DOMAIN.md : gazole non routier 14,96 €/hl (2018–2023)'),
  ('heavyFuelOil', '2018-01-01', '2022-12-31', 13765, 'DOMAIN.md : fioul lourd 13,765 €/100 kg (2018–2022)'),
  ('heavyFuelOil', '2023-01-01', '2023-12-31', 13760, 'DOMAIN.md : fioul lourd 13,76 €/100 kg (2023)'),
  ('lpg', '2018-04-01', '2023-12-31', 5720, 'DOMAIN.md : GPL 5,72 €/100 kg (du 1er avril 2018 à 2023)'),
  ('naturalGasHeating', '2018-01-01', '2018-12-31', 8331, 'DOMAIN.md : gaz naturel combustible 8,331 €/MWh (2018)'),
  ('naturalGasHeating', '2021-01-01', '2021-12-31', 7890, 'DOMAIN.md : gaz naturel combustible 7,89 €/MWh (2021)'),
  ('naturalGasHeating', '2022-01-01', '2022-12-31', 7870, 'DOMAIN.md : gaz naturel combustible 7,87 €/MWh (2022)'),
  ('naturalGasHeating', '2023-01-01', '2023-12-31', 7830, 'DOMAIN.md : gaz naturel combustible 7,83 €/MWh (2023)'),
  ('naturalGasFuel', '2021-01-01', '2023-12-31', 4690, 'DOMAIN.md : gaz naturel carburant 4,69 €/MWh (2021–2023)');
