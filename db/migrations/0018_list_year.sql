-- « Demandes » filtered by year (the campaign's usual filter, ADR 0034): the page and the tabs' counts read that year's entries of the
-- département only, in transmission order, instead of every request of the département.
CREATE INDEX `refund_requests_departement_year_idx` ON `refund_requests` (`departement`,`year`,`transmitted_at`,`status`,`instructor_agent_id`,`checks_fired`);