ALTER TABLE `rate_limits` ADD `expires_at` integer;--> statement-breakpoint
CREATE INDEX `rate_limits_expires_idx` ON `rate_limits` (`expires_at`);