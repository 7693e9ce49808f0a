CREATE TABLE `dialogue_tables` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`theme_ids` text NOT NULL,
	`locale` text NOT NULL,
	`scheduled_at` integer,
	`place` text,
	`template` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`current_phase_id` integer,
	`pre_moderation` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dialogue_tables_code_unique` ON `dialogue_tables` (`code`);--> statement-breakpoint
CREATE TABLE `table_contributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_id` integer NOT NULL,
	`phase_id` integer NOT NULL,
	`participant_id` integer,
	`entered_by` integer,
	`client_id` text,
	`text` text NOT NULL,
	`status` text DEFAULT 'visible' NOT NULL,
	`highlighted` integer DEFAULT false NOT NULL,
	`merged_into` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `dialogue_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`phase_id`) REFERENCES `table_phases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `table_participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `table_contributions_participant_client_idx` ON `table_contributions` (`participant_id`,`client_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `table_contributions_staff_client_idx` ON `table_contributions` (`entered_by`,`client_id`);--> statement-breakpoint
CREATE INDEX `table_contributions_table_idx` ON `table_contributions` (`table_id`,`phase_id`);--> statement-breakpoint
CREATE TABLE `table_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`display_name` text,
	`joined_at` integer NOT NULL,
	`last_seen` integer NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `dialogue_tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `table_participants_token_hash_unique` ON `table_participants` (`token_hash`);--> statement-breakpoint
CREATE INDEX `table_participants_table_idx` ON `table_participants` (`table_id`);--> statement-breakpoint
CREATE TABLE `table_phases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`prompt` text DEFAULT '' NOT NULL,
	`options` text NOT NULL,
	`dots_per_participant` integer,
	`timer_seconds` integer,
	`timer_started_at` integer,
	`timer_remaining_ms` integer,
	`results_revealed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`table_id`) REFERENCES `dialogue_tables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `table_phases_table_idx` ON `table_phases` (`table_id`,`position`);--> statement-breakpoint
CREATE TABLE `table_staff` (
	`table_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`table_id`, `user_id`),
	FOREIGN KEY (`table_id`) REFERENCES `dialogue_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `table_staff_user_idx` ON `table_staff` (`user_id`);--> statement-breakpoint
CREATE TABLE `table_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phase_id` integer NOT NULL,
	`participant_id` integer NOT NULL,
	`contribution_id` integer,
	`option_index` integer,
	`count` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`phase_id`) REFERENCES `table_phases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`participant_id`) REFERENCES `table_participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contribution_id`) REFERENCES `table_contributions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `table_votes_phase_idx` ON `table_votes` (`phase_id`,`participant_id`);