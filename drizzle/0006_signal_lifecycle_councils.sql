CREATE TABLE `advice_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`data` blob NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `council_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `advice_updates_request_idx` ON `advice_updates` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `council_advice` (
	`request_id` integer PRIMARY KEY NOT NULL,
	`verdict` text NOT NULL,
	`text` text NOT NULL,
	`votes` text NOT NULL,
	`published_by` integer,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `council_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `council_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `council_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `council_messages_request_idx` ON `council_messages` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `council_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`signal_id` integer NOT NULL,
	`council_id` text NOT NULL,
	`question` text NOT NULL,
	`deadline` integer,
	`own_initiative` integer DEFAULT false NOT NULL,
	`vote_closes_at` integer,
	`requested_by` integer,
	`requested_at` integer NOT NULL,
	FOREIGN KEY (`signal_id`) REFERENCES `signals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `council_requests_council_idx` ON `council_requests` (`council_id`);--> statement-breakpoint
CREATE INDEX `council_requests_signal_idx` ON `council_requests` (`signal_id`);--> statement-breakpoint
CREATE TABLE `council_settings` (
	`council_id` text PRIMARY KEY NOT NULL,
	`quorum` integer DEFAULT 3 NOT NULL,
	FOREIGN KEY (`council_id`) REFERENCES `councils`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `council_votes` (
	`request_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`verdict` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`request_id`, `user_id`),
	FOREIGN KEY (`request_id`) REFERENCES `council_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contact_kind` text NOT NULL,
	`contact_id` integer NOT NULL,
	`signal_id` integer NOT NULL,
	`event` text NOT NULL,
	`locale` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`signal_id`) REFERENCES `signals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_once_idx` ON `notifications` (`contact_kind`,`contact_id`,`signal_id`,`event`);--> statement-breakpoint
CREATE INDEX `notifications_status_idx` ON `notifications` (`status`);--> statement-breakpoint
CREATE TABLE `signal_decisions` (
	`signal_id` integer PRIMARY KEY NOT NULL,
	`outcome` text NOT NULL,
	`goal_id` text,
	`action_id` text,
	`created_action` integer DEFAULT false NOT NULL,
	`level` text,
	`addressee` text,
	`reason` text DEFAULT '' NOT NULL,
	`decided_by` integer,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`signal_id`) REFERENCES `signals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `signal_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`signal_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`reason` text DEFAULT '' NOT NULL,
	`other_signal_id` integer,
	`council_id` text,
	`by_user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`signal_id`) REFERENCES `signals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signal_events_signal_idx` ON `signal_events` (`signal_id`,`id`);--> statement-breakpoint
CREATE INDEX `signal_events_at_idx` ON `signal_events` (`at`);--> statement-breakpoint
CREATE TABLE `signal_registrations` (
	`signal_id` integer PRIMARY KEY NOT NULL,
	`organisation` text NOT NULL,
	`on_behalf_of` text NOT NULL,
	`observation` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`signal_id`) REFERENCES `signals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `postcards` ADD `text_withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `signals` ADD `merged_into` integer;