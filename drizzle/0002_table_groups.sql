CREATE TABLE `table_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`host_name` text,
	`host_user_id` integer,
	FOREIGN KEY (`table_id`) REFERENCES `dialogue_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `table_groups_table_idx` ON `table_groups` (`table_id`,`position`);--> statement-breakpoint
ALTER TABLE `table_contributions` ADD `group_id` integer;--> statement-breakpoint
ALTER TABLE `table_participants` ADD `group_id` integer;