CREATE TABLE `arena_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workshop_id` integer NOT NULL,
	`position` integer NOT NULL,
	`need` text NOT NULL,
	`service` text NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `arena_items_workshop_idx` ON `arena_items` (`workshop_id`,`position`);--> statement-breakpoint
CREATE TABLE `arena_votes` (
	`invite_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`dots` integer NOT NULL,
	PRIMARY KEY(`invite_id`, `item_id`),
	FOREIGN KEY (`invite_id`) REFERENCES `partner_invites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `arena_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `arena_votes_item_idx` ON `arena_votes` (`item_id`);--> statement-breakpoint
CREATE TABLE `challenges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workshop_id` integer NOT NULL,
	`bundle_id` integer NOT NULL,
	`position` integer NOT NULL,
	`region` text NOT NULL,
	`target_group` text NOT NULL,
	`barriers` text DEFAULT '' NOT NULL,
	`questions` text NOT NULL,
	`votes` integer,
	`signal_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bundle_id`) REFERENCES `persona_bundles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signal_id`) REFERENCES `signals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `challenges_workshop_idx` ON `challenges` (`workshop_id`,`position`);--> statement-breakpoint
CREATE TABLE `enrichment_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invite_id` integer NOT NULL,
	`challenge_id` integer NOT NULL,
	`verdict` text NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`invite_id`) REFERENCES `partner_invites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrichment_responses_invite_challenge_idx` ON `enrichment_responses` (`invite_id`,`challenge_id`);--> statement-breakpoint
CREATE INDEX `enrichment_responses_challenge_idx` ON `enrichment_responses` (`challenge_id`);--> statement-breakpoint
CREATE TABLE `partner_invites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workshop_id` integer NOT NULL,
	`kind` text NOT NULL,
	`organisation` text NOT NULL,
	`contact_name` text,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`submitted_at` integer,
	`revoked_at` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partner_invites_token_hash_unique` ON `partner_invites` (`token_hash`);--> statement-breakpoint
CREATE INDEX `partner_invites_workshop_idx` ON `partner_invites` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `persona_bundles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` text NOT NULL,
	`title` text NOT NULL,
	`persona_ids` text NOT NULL,
	`rank` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `persona_bundles_region_idx` ON `persona_bundles` (`region_id`,`rank`);--> statement-breakpoint
CREATE TABLE `personas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` text NOT NULL,
	`name` text NOT NULL,
	`age_band` text,
	`household` text DEFAULT '' NOT NULL,
	`background` text DEFAULT '' NOT NULL,
	`situation` text DEFAULT '' NOT NULL,
	`drive` text DEFAULT '' NOT NULL,
	`strengths` text NOT NULL,
	`needs` text NOT NULL,
	`barriers` text NOT NULL,
	`quote` text DEFAULT '' NOT NULL,
	`target_group_ids` text NOT NULL,
	`languages` text NOT NULL,
	`avatar` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`archived_at` integer,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `personas_region_idx` ON `personas` (`region_id`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`municipalities` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `workshop_additions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workshop_id` integer NOT NULL,
	`challenge_id` integer,
	`text` text NOT NULL,
	`response_id` integer,
	`merged_by` integer,
	`merged_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenge_id`) REFERENCES `challenges`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`response_id`) REFERENCES `enrichment_responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workshop_additions_workshop_idx` ON `workshop_additions` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `workshop_personas` (
	`workshop_id` integer NOT NULL,
	`persona_id` integer NOT NULL,
	PRIMARY KEY(`workshop_id`, `persona_id`),
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`persona_id`) REFERENCES `personas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `workshop_steps` (
	`phase_id` integer PRIMARY KEY NOT NULL,
	`workshop_id` integer NOT NULL,
	`step` text NOT NULL,
	`bundle_id` integer,
	FOREIGN KEY (`phase_id`) REFERENCES `table_phases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bundle_id`) REFERENCES `persona_bundles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workshop_steps_workshop_idx` ON `workshop_steps` (`workshop_id`);--> statement-breakpoint
CREATE TABLE `workshops` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` text NOT NULL,
	`table_id` integer NOT NULL,
	`timeline` text NOT NULL,
	`other_input` text DEFAULT '' NOT NULL,
	`vote_challenge_ids` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`table_id`) REFERENCES `dialogue_tables`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workshops_table_id_unique` ON `workshops` (`table_id`);--> statement-breakpoint
ALTER TABLE `table_contributions` ADD `lens_persona_id` integer;