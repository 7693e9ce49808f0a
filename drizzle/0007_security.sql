ALTER TABLE `postcards` ADD `withdraw_key_hash` text;--> statement-breakpoint
ALTER TABLE `rate_limits` ADD `expires_at` integer;--> statement-breakpoint
CREATE INDEX `rate_limits_expires_idx` ON `rate_limits` (`expires_at`);--> statement-breakpoint
ALTER TABLE `table_participants` ADD `removed_at` integer;