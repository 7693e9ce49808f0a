CREATE TABLE `table_contacts` (
	`participant_id` integer PRIMARY KEY NOT NULL,
	`table_id` integer NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`participant_id`) REFERENCES `table_participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `dialogue_tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `table_contacts_table_idx` ON `table_contacts` (`table_id`);