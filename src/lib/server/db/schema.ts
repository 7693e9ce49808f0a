/**
 * The database schema. Kept to portable column types (integer, text, JSON stored as text) so that a
 * PostgreSQL dialect of the same tables can be added beside it without changing the data layer's API.
 */
import { sqliteTable, text, integer, blob, primaryKey, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A label in every offered language; `nl` (the base language) is always present. */
export type Labels = { nl: string; fr?: string; en?: string; ar?: string };

export const ROLES = ['admin', 'facilitator', 'moderator', 'council_member', 'plan_owner'] as const;
export type Role = (typeof ROLES)[number];

// ---------------------------------------------------------------- staff accounts and sessions

export const users = sqliteTable('users', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	/** argon2id hash; null while the invitation has not been accepted. */
	passwordHash: text('password_hash'),
	roles: text('roles', { mode: 'json' }).$type<Role[]>().notNull(),
	/** Councils a council member may act for. */
	councilIds: text('council_ids', { mode: 'json' }).$type<string[]>().notNull(),
	/** SHA-256 (hex) of the invitation token, cleared once a password is set. */
	inviteTokenHash: text('invite_token_hash'),
	inviteExpiresAt: integer('invite_expires_at', { mode: 'timestamp_ms' }),
	active: integer('active', { mode: 'boolean' }).notNull().default(true),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 (hex) of the token in the cookie; the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/**
 * Fixed-window counters shared by every node: failed logins, anonymous postcards per device.
 * The key is an HMAC of what it counts (an email, an address), never the email or address itself;
 * rows are deleted once their window has passed (`expires_at`, ms since the epoch).
 */
export const rateLimits = sqliteTable(
	'rate_limits',
	{
		key: text('key').primaryKey(),
		windowStart: integer('window_start').notNull(),
		count: integer('count').notNull(),
		expiresAt: integer('expires_at')
	},
	(t) => [index('rate_limits_expires_idx').on(t.expiresAt)]
);

// ---------------------------------------------------------------- the plan

export const themes = sqliteTable('themes', {
	id: integer('id').primaryKey(),
	labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
	/** Default pictogram (an emoji) offered when a campaign shows this theme. */
	pictogram: text('pictogram').notNull().default('💬'),
	position: integer('position').notNull().default(0),
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
});

export const attentionPoints = sqliteTable('attention_points', {
	id: text('id').primaryKey(),
	labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
	position: integer('position').notNull().default(0),
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
});

export const goals = sqliteTable('goals', {
	id: text('id').primaryKey(),
	themeId: integer('theme_id')
		.notNull()
		.references(() => themes.id),
	labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
	position: integer('position').notNull().default(0),
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
});

export const actions = sqliteTable('actions', {
	id: text('id').primaryKey(),
	goalId: text('goal_id')
		.notNull()
		.references(() => goals.id),
	labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
	description: text('description').notNull().default(''),
	/** The '(inwoner)' mark: the action came from a resident's proposal. */
	fromResident: integer('from_resident', { mode: 'boolean' }).notNull().default(false),
	position: integer('position').notNull().default(0),
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
});

export const targetGroups = sqliteTable('target_groups', {
	id: text('id').primaryKey(),
	labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
	position: integer('position').notNull().default(0),
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
});

export const neighbourhoods = sqliteTable('neighbourhoods', {
	id: text('id').primaryKey(),
	labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
	priority: integer('priority', { mode: 'boolean' }).notNull().default(false),
	position: integer('position').notNull().default(0),
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
});

export const councils = sqliteTable('councils', {
	id: text('id').primaryKey(),
	labels: text('labels', { mode: 'json' }).$type<Labels>().notNull(),
	focus: text('focus').notNull().default(''),
	position: integer('position').notNull().default(0),
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
});

// ---------------------------------------------------------------- postcard campaigns

export type CampaignTheme = { themeId: number; pictogram: string };
export type CampaignFields = {
	themes: boolean;
	neighbourhood: boolean;
	targetGroups: boolean;
	ageBand: boolean;
	contact: boolean;
};

export const campaigns = sqliteTable('campaigns', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	slug: text('slug').notNull().unique(),
	titles: text('titles', { mode: 'json' }).$type<Labels>().notNull(),
	questions: text('questions', { mode: 'json' }).$type<Labels>().notNull(),
	opensAt: integer('opens_at', { mode: 'timestamp_ms' }).notNull(),
	closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
	themes: text('themes', { mode: 'json' }).$type<CampaignTheme[]>().notNull(),
	neighbourhoodIds: text('neighbourhood_ids', { mode: 'json' }).$type<string[]>().notNull(),
	fields: text('fields', { mode: 'json' }).$type<CampaignFields>().notNull(),
	createdBy: integer('created_by').references(() => users.id),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
});

export const POSTCARD_CHANNELS = ['online', 'kiosk', 'paper', 'api'] as const;
export type PostcardChannel = (typeof POSTCARD_CHANNELS)[number];
export const POSTCARD_STATUSES = ['received', 'published', 'private', 'rejected'] as const;
export type PostcardStatus = (typeof POSTCARD_STATUSES)[number];
export const AGE_BANDS = ['under-18', '18-29', '30-49', '50-64', '65-79', '80-plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const postcards = sqliteTable(
	'postcards',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaigns.id),
		/** Tracking code shown to the resident (or pre-printed on a paper card). */
		code: text('code').notNull().unique(),
		text: text('text').notNull(),
		channel: text('channel').$type<PostcardChannel>().notNull(),
		/** Vindplaats: where the card was collected (library, neighbourhood centre, …). */
		collectionPlace: text('collection_place'),
		locale: text('locale').notNull(),
		ageBand: text('age_band').$type<AgeBand>(),
		consentPublish: integer('consent_publish', { mode: 'boolean' }).notNull().default(false),
		status: text('status').$type<PostcardStatus>().notNull().default('received'),
		rejectionReason: text('rejection_reason'),
		needsCare: integer('needs_care', { mode: 'boolean' }).notNull().default(false),
		careCategories: text('care_categories', { mode: 'json' }).$type<string[]>().notNull(),
		/** Client-generated id so that a retried submission is stored once. */
		submissionId: text('submission_id').unique(),
		enteredBy: integer('entered_by').references(() => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
		/** The resident withdrew the text: the card still counts in figures but shows no text anywhere. */
		textWithdrawnAt: integer('text_withdrawn_at', { mode: 'timestamp_ms' }),
		/** SHA-256 of the withdrawal key shown once when the card was sent (postcards/codes.ts); null for paper and older cards. */
		withdrawKeyHash: text('withdraw_key_hash')
	},
	(t) => [
		index('postcards_campaign_status_idx').on(t.campaignId, t.status),
		index('postcards_campaign_created_idx').on(t.campaignId, t.createdAt)
	]
);

/** Contact details live apart from the postcard and can be deleted by the resident. */
export const postcardContacts = sqliteTable('postcard_contacts', {
	postcardId: integer('postcard_id')
		.primaryKey()
		.references(() => postcards.id),
	email: text('email').notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/** Pre-printed codes for paper cards; a code becomes a postcard once it is transcribed. */
export const paperCodes = sqliteTable(
	'paper_codes',
	{
		code: text('code').primaryKey(),
		campaignId: integer('campaign_id')
			.notNull()
			.references(() => campaigns.id),
		printedAt: integer('printed_at', { mode: 'timestamp_ms' }).notNull(),
		postcardId: integer('postcard_id').references(() => postcards.id)
	},
	(t) => [index('paper_codes_campaign_idx').on(t.campaignId)]
);

/** A registered kiosk (library tablet): exempt from the device rate limit, records its place. */
export const kiosks = sqliteTable('kiosks', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	tokenHash: text('token_hash').notNull().unique(),
	campaignId: integer('campaign_id')
		.notNull()
		.references(() => campaigns.id),
	place: text('place').notNull(),
	createdBy: integer('created_by').references(() => users.id),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
});

export const MODERATION_ACTIONS = ['publish', 'keep_private', 'reject', 'reopen'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export const moderationLog = sqliteTable(
	'moderation_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		postcardId: integer('postcard_id')
			.notNull()
			.references(() => postcards.id),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		action: text('action').$type<ModerationAction>().notNull(),
		reason: text('reason'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('moderation_log_postcard_idx').on(t.postcardId)]
);

// ---------------------------------------------------------------- tags and signals

export const TAG_KINDS = [
	'theme',
	'attention_point',
	'goal',
	'action',
	'target_group',
	'neighbourhood'
] as const;
export type TagKind = (typeof TAG_KINDS)[number];
export const TAG_SUBJECTS = ['postcard', 'signal'] as const;
export type TagSubject = (typeof TAG_SUBJECTS)[number];

/** One tag from the plan on one piece of input (postcard, later table contribution or note) or a signal. */
export const taggings = sqliteTable(
	'taggings',
	{
		subjectType: text('subject_type').$type<TagSubject>().notNull(),
		subjectId: integer('subject_id').notNull(),
		kind: text('kind').$type<TagKind>().notNull(),
		refId: text('ref_id').notNull(),
		/** 'resident' when the writer chose it, 'staff' when staff tagged it. */
		source: text('source').$type<'resident' | 'staff'>().notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.subjectType, t.subjectId, t.kind, t.refId] }),
		index('taggings_ref_idx').on(t.kind, t.refId)
	]
);

export const SIGNAL_TYPES = [
	'concern',
	'need',
	'barrier',
	'gap',
	'proposal',
	'system_error',
	'good_practice'
] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export const signals = sqliteTable('signals', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	title: text('title').notNull(),
	summary: text('summary').notNull(),
	type: text('type').$type<SignalType>().notNull(),
	status: text('status').notNull().default('new'),
	/** A signal merged into another: its evidence moved there, its links lead there. */
	mergedInto: integer('merged_into'),
	createdBy: integer('created_by').references(() => users.id),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

export const EVIDENCE_SOURCES = ['postcard', 'table_contribution', 'board_note', 'challenge', 'enrichment_response'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const signalEvidence = sqliteTable(
	'signal_evidence',
	{
		signalId: integer('signal_id')
			.notNull()
			.references(() => signals.id),
		sourceType: text('source_type').$type<EvidenceSource>().notNull(),
		sourceId: integer('source_id').notNull(),
		addedBy: integer('added_by').references(() => users.id),
		addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.signalId, t.sourceType, t.sourceId] }),
		index('signal_evidence_source_idx').on(t.sourceType, t.sourceId)
	]
);

// ---------------------------------------------------------------- live dialogue tables

export const TABLE_STATUSES = ['draft', 'live', 'locked', 'ended'] as const;
export type TableStatus = (typeof TABLE_STATUSES)[number];
export const TABLE_STAFF_ROLES = ['facilitator', 'co_facilitator', 'note_taker'] as const;
export type TableStaffRole = (typeof TABLE_STAFF_ROLES)[number];
export const PHASE_KINDS = ['open', 'dots', 'poll_single', 'poll_multi', 'word_cloud', 'testimony'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];
export const CONTRIBUTION_STATUSES = ['visible', 'pending', 'hidden'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

/** A live session (dialogue table, talk café, …) that phones join by code. All its state lives here. */
export const dialogueTables = sqliteTable('dialogue_tables', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** Join code shown on the projector, same alphabet as postcard codes (`ABC-234`). */
	code: text('code').notNull().unique(),
	title: text('title').notNull(),
	themeIds: text('theme_ids', { mode: 'json' }).$type<number[]>().notNull(),
	locale: text('locale').notNull(),
	scheduledAt: integer('scheduled_at', { mode: 'timestamp_ms' }),
	place: text('place'),
	/** Id of the template the agenda was copied from ('custom' when built by hand). */
	template: text('template').notNull(),
	status: text('status').$type<TableStatus>().notNull().default('draft'),
	/** The phase on screen; no foreign key because phases reference the table. */
	currentPhaseId: integer('current_phase_id'),
	preModeration: integer('pre_moderation', { mode: 'boolean' }).notNull().default(false),
	createdBy: integer('created_by').references(() => users.id),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	endedAt: integer('ended_at', { mode: 'timestamp_ms' })
});

export const tableStaff = sqliteTable(
	'table_staff',
	{
		tableId: integer('table_id')
			.notNull()
			.references(() => dialogueTables.id),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		role: text('role').$type<TableStaffRole>().notNull()
	},
	(t) => [primaryKey({ columns: [t.tableId, t.userId] }), index('table_staff_user_idx').on(t.userId)]
);

export const tablePhases = sqliteTable(
	'table_phases',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		tableId: integer('table_id')
			.notNull()
			.references(() => dialogueTables.id),
		position: integer('position').notNull(),
		kind: text('kind').$type<PhaseKind>().notNull(),
		/** Short name of the step ('Getuigenis', 'Ronde 1'). */
		title: text('title').notNull().default(''),
		prompt: text('prompt').notNull().default(''),
		/** Poll options; empty for other kinds. */
		options: text('options', { mode: 'json' }).$type<string[]>().notNull(),
		dotsPerParticipant: integer('dots_per_participant'),
		timerSeconds: integer('timer_seconds'),
		/** Set while the timer runs: remaining = timerRemainingMs - (now - timerStartedAt). */
		timerStartedAt: integer('timer_started_at', { mode: 'timestamp_ms' }),
		/** Remaining time when the timer was last started or paused; null = full timerSeconds. */
		timerRemainingMs: integer('timer_remaining_ms'),
		resultsRevealed: integer('results_revealed', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [index('table_phases_table_idx').on(t.tableId, t.position)]
);

export const tableParticipants = sqliteTable(
	'table_participants',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		tableId: integer('table_id')
			.notNull()
			.references(() => dialogueTables.id),
		/** SHA-256 (hex) of the token kept on the phone; the token itself is never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		displayName: text('display_name'),
		/** World café: the sub-table (table_groups.id) the participant sits at now. */
		groupId: integer('group_id'),
		joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
		lastSeen: integer('last_seen', { mode: 'timestamp_ms' }).notNull(),
		/** Set when a facilitator removed the participant: their token no longer works, their contributions are hidden. */
		removedAt: integer('removed_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('table_participants_table_idx').on(t.tableId)]
);

export const tableContributions = sqliteTable(
	'table_contributions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		tableId: integer('table_id')
			.notNull()
			.references(() => dialogueTables.id),
		phaseId: integer('phase_id')
			.notNull()
			.references(() => tablePhases.id),
		participantId: integer('participant_id').references(() => tableParticipants.id),
		/** Set when staff typed it (testimony, or on behalf of someone without a phone). */
		enteredBy: integer('entered_by').references(() => users.id),
		/** Client-generated id: a re-sent contribution is stored once. */
		clientId: text('client_id'),
		text: text('text').notNull(),
		/** World café: the sub-table (table_groups.id) where it was said. */
		groupId: integer('group_id'),
		status: text('status').$type<ContributionStatus>().notNull().default('visible'),
		highlighted: integer('highlighted', { mode: 'boolean' }).notNull().default(false),
		mergedInto: integer('merged_into'),
		/** Persona workshops: the persona the participant spoke as (a lens), if any. */
		lensPersonaId: integer('lens_persona_id'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		uniqueIndex('table_contributions_participant_client_idx').on(t.participantId, t.clientId),
		uniqueIndex('table_contributions_staff_client_idx').on(t.enteredBy, t.clientId),
		index('table_contributions_table_idx').on(t.tableId, t.phaseId)
	]
);

/** Dots on a contribution (dots phases) or a chosen option (polls); one row per participant and target. */
export const tableVotes = sqliteTable(
	'table_votes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		phaseId: integer('phase_id')
			.notNull()
			.references(() => tablePhases.id),
		participantId: integer('participant_id')
			.notNull()
			.references(() => tableParticipants.id),
		contributionId: integer('contribution_id').references(() => tableContributions.id),
		optionIndex: integer('option_index'),
		count: integer('count').notNull().default(1)
	},
	(t) => [index('table_votes_phase_idx').on(t.phaseId, t.participantId)]
);

/** World café: the sub-tables of one session, each with a host (a staff member or a named volunteer). */
export const tableGroups = sqliteTable(
	'table_groups',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		tableId: integer('table_id')
			.notNull()
			.references(() => dialogueTables.id),
		position: integer('position').notNull(),
		name: text('name').notNull(),
		hostName: text('host_name'),
		hostUserId: integer('host_user_id').references(() => users.id)
	},
	(t) => [index('table_groups_table_idx').on(t.tableId, t.position)]
);

/**
 * An email address a participant left at the end of a table, to hear what became of the
 * recommendations. Like postcardContacts it lives apart from what was said (contributions never point
 * here; the staff export holds addresses only), one per participant, and the participant deletes it
 * from the same phone (the row is really deleted).
 */
export const tableContacts = sqliteTable(
	'table_contacts',
	{
		participantId: integer('participant_id')
			.primaryKey()
			.references(() => tableParticipants.id),
		tableId: integer('table_id')
			.notNull()
			.references(() => dialogueTables.id),
		email: text('email').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('table_contacts_table_idx').on(t.tableId)]
);

// ---------------------------------------------------------------- collaborative boards

export const BOARD_LEVELS = ['view', 'edit', 'facilitate'] as const;
export type BoardLevel = (typeof BOARD_LEVELS)[number];

/**
 * A collaborative board: one Yjs document, stored as the log of its updates (`board_updates`). It stands
 * alone or belongs to a campaign, or to a dialogue table and one of its phases.
 */
export const boards = sqliteTable(
	'boards',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		title: text('title').notNull(),
		/** The template it started from (empty, more_less, …): src/lib/boards/doc.js. */
		template: text('template').notNull(),
		locale: text('locale').notNull(),
		campaignId: integer('campaign_id').references(() => campaigns.id),
		tableId: integer('table_id').references(() => dialogueTables.id),
		phaseId: integer('phase_id').references(() => tablePhases.id),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('boards_table_idx').on(t.tableId), index('boards_campaign_idx').on(t.campaignId)]
);

/**
 * The update log of a board's document, in the order the server accepted them. Compaction replaces the
 * rows up to some id by one row (the merged state) with that id, so the order and every later row stay.
 */
export const boardUpdates = sqliteTable(
	'board_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		boardId: integer('board_id')
			.notNull()
			.references(() => boards.id),
		data: blob('data', { mode: 'buffer' }).notNull()
	},
	(t) => [index('board_updates_board_idx').on(t.boardId, t.id)]
);

/** Staff given a level on one board (beyond what their roles give them). */
export const boardMembers = sqliteTable(
	'board_members',
	{
		boardId: integer('board_id')
			.notNull()
			.references(() => boards.id),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		level: text('level').$type<BoardLevel>().notNull()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.userId] }), index('board_members_user_idx').on(t.userId)]
);

/** A link for people without an account (workshop participants): view or edit until it expires. */
export const boardLinks = sqliteTable(
	'board_links',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		boardId: integer('board_id')
			.notNull()
			.references(() => boards.id),
		/** SHA-256 (hex) of the token in the link; the token itself is never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		level: text('level').$type<Exclude<BoardLevel, 'facilitate'>>().notNull(),
		/** Who the link is for ('Groep 2', 'projector'), for the facilitator's list. */
		label: text('label').notNull().default(''),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('board_links_board_idx').on(t.boardId)]
);

/**
 * A board note that became evidence for a signal (sourceType 'board_note'): its text, author and
 * cluster as they were when the signal was made, so the signal still reads the same after the board
 * changes. The note in the document keeps the signal's id in its `signals` field.
 */
export const boardNotes = sqliteTable(
	'board_notes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		boardId: integer('board_id')
			.notNull()
			.references(() => boards.id),
		/** The note's id in the document. */
		noteKey: text('note_key').notNull(),
		text: text('text').notNull(),
		author: text('author'),
		/** The title of the cluster it was in, if any. */
		cluster: text('cluster'),
		writtenAt: integer('written_at', { mode: 'timestamp_ms' }).notNull(),
		recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('board_notes_key_idx').on(t.boardId, t.noteKey)]
);

// ---------------------------------------------------------------- persona workshops

/** A region or city that keeps its own persona library (DAW+: five municipalities; a city: itself). */
export const regions = sqliteTable('regions', {
	/** A slug ('daw-plus'), used in links. */
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	municipalities: text('municipalities', { mode: 'json' }).$type<string[]>().notNull(),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * A fictional persona of a region's library, written from strengths (drive and strengths come before
 * barriers). Never a real person: the illustration is one of the drawn avatars, never a photo.
 */
export const personas = sqliteTable(
	'personas',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		regionId: text('region_id')
			.notNull()
			.references(() => regions.id),
		name: text('name').notNull(),
		ageBand: text('age_band').$type<AgeBand>(),
		household: text('household').notNull().default(''),
		background: text('background').notNull().default(''),
		situation: text('situation').notNull().default(''),
		drive: text('drive').notNull().default(''),
		strengths: text('strengths', { mode: 'json' }).$type<string[]>().notNull(),
		needs: text('needs', { mode: 'json' }).$type<string[]>().notNull(),
		barriers: text('barriers', { mode: 'json' }).$type<string[]>().notNull(),
		quote: text('quote').notNull().default(''),
		targetGroupIds: text('target_group_ids', { mode: 'json' }).$type<string[]>().notNull(),
		languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
		/** One of the drawn avatars in src/lib/personas/avatars.ts. */
		avatar: text('avatar').notNull(),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		archivedAt: integer('archived_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('personas_region_idx').on(t.regionId)]
);

/**
 * Several personas merged for one challenge. `rank` orders a region's bundles by how often their
 * personas occur there (1 = most often); the challenges are shown in that order.
 */
export const personaBundles = sqliteTable(
	'persona_bundles',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		regionId: text('region_id')
			.notNull()
			.references(() => regions.id),
		/** Who the bundle stands for, as the challenge names them ('mensen met medische klachten'). */
		title: text('title').notNull(),
		personaIds: text('persona_ids', { mode: 'json' }).$type<number[]>().notNull(),
		rank: integer('rank').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('persona_bundles_region_idx').on(t.regionId, t.rank)]
);

/** A persona workshop: a live session (a dialogue table with the workshop's phases) plus what it makes. */
export const workshops = sqliteTable('workshops', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	regionId: text('region_id')
		.notNull()
		.references(() => regions.id),
	tableId: integer('table_id')
		.notNull()
		.unique()
		.references(() => dialogueTables.id),
	/** The call for project proposals that follows: launch, deadline, written review, pitches, decision, rebuttal. */
	timeline: text('timeline', { mode: 'json' }).$type<{ step: string; date: string }[]>().notNull(),
	/** Other local input for the addendum, as the facilitator writes it. */
	otherInput: text('other_input').notNull().default(''),
	/** The challenge ids in the order of the vote phase's options (set when the options were last filled). */
	voteChallengeIds: text('vote_challenge_ids', { mode: 'json' }).$type<number[]>().notNull(),
	createdBy: integer('created_by').references(() => users.id),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

export const WORKSHOP_STEPS = ['personas', 'needs', 'challenge', 'speak_as', 'vote'] as const;
export type WorkshopStep = (typeof WORKSHOP_STEPS)[number];

/** Which step of the method a phase of the workshop's table is; a needs → services step is for one bundle. */
export const workshopSteps = sqliteTable(
	'workshop_steps',
	{
		phaseId: integer('phase_id')
			.primaryKey()
			.references(() => tablePhases.id),
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id),
		step: text('step').$type<WorkshopStep>().notNull(),
		bundleId: integer('bundle_id').references(() => personaBundles.id)
	},
	(t) => [index('workshop_steps_workshop_idx').on(t.workshopId)]
);

/** The personas a workshop works with (chosen from the library or made during it). */
export const workshopPersonas = sqliteTable(
	'workshop_personas',
	{
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id),
		personaId: integer('persona_id')
			.notNull()
			.references(() => personas.id)
	},
	(t) => [primaryKey({ columns: [t.workshopId, t.personaId] })]
);

export type ChallengeQuestion = { support: string; effect: string };

/** A regional challenge, written in the fixed sentence form, ending in one to three 'how might we' questions. */
export const challenges = sqliteTable(
	'challenges',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id),
		bundleId: integer('bundle_id')
			.notNull()
			.references(() => personaBundles.id),
		/** Order in the workshop (1 = first); starts from the bundle's rank, the vote may change it. */
		position: integer('position').notNull(),
		region: text('region').notNull(),
		targetGroup: text('target_group').notNull(),
		barriers: text('barriers').notNull().default(''),
		questions: text('questions', { mode: 'json' }).$type<ChallengeQuestion[]>().notNull(),
		/** Votes it got in the workshop's vote (null until the facilitator applied a vote). */
		votes: integer('votes'),
		signalId: integer('signal_id').references(() => signals.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('challenges_workshop_idx').on(t.workshopId, t.position)]
);

export const PARTNER_INVITE_KINDS = ['enrichment', 'arena'] as const;
export type PartnerInviteKind = (typeof PARTNER_INVITE_KINDS)[number];

/**
 * A link for one partner organisation, without an account: an enrichment response to the challenges,
 * or (core partners) dots for the arena analysis. It submits once, then shows what was sent.
 */
export const partnerInvites = sqliteTable(
	'partner_invites',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id),
		kind: text('kind').$type<PartnerInviteKind>().notNull(),
		organisation: text('organisation').notNull(),
		contactName: text('contact_name'),
		/** SHA-256 (hex) of the token in the link; the token itself is never stored. */
		tokenHash: text('token_hash').notNull().unique(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('partner_invites_workshop_idx').on(t.workshopId)]
);

export const ENRICHMENT_VERDICTS = ['confirm', 'confirm_with_additions', 'propose_changes'] as const;
export type EnrichmentVerdict = (typeof ENRICHMENT_VERDICTS)[number];

/** One partner's response to one challenge; kept with its organisation and date. */
export const enrichmentResponses = sqliteTable(
	'enrichment_responses',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		inviteId: integer('invite_id')
			.notNull()
			.references(() => partnerInvites.id),
		challengeId: integer('challenge_id')
			.notNull()
			.references(() => challenges.id),
		verdict: text('verdict').$type<EnrichmentVerdict>().notNull(),
		/** Additions and points of attention (confirm_with_additions), or the proposed change. */
		text: text('text').notNull().default(''),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [uniqueIndex('enrichment_responses_invite_challenge_idx').on(t.inviteId, t.challengeId), index('enrichment_responses_challenge_idx').on(t.challengeId)]
);

/** An addition the facilitator merged into the workshop's result: for one challenge, or for all (challengeId null). */
export const workshopAdditions = sqliteTable(
	'workshop_additions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id),
		challengeId: integer('challenge_id').references(() => challenges.id),
		text: text('text').notNull(),
		/** The response it came from (null: written by the facilitator). */
		responseId: integer('response_id').references(() => enrichmentResponses.id),
		mergedBy: integer('merged_by').references(() => users.id),
		mergedAt: integer('merged_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('workshop_additions_workshop_idx').on(t.workshopId)]
);

/** A row of the arena analysis: a need and the type of service that answers it. */
export const arenaItems = sqliteTable(
	'arena_items',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id),
		position: integer('position').notNull(),
		need: text('need').notNull(),
		service: text('service').notNull()
	},
	(t) => [index('arena_items_workshop_idx').on(t.workshopId, t.position)]
);

/** A core partner's dots on the arena rows (one row per partner link and item). */
export const arenaVotes = sqliteTable(
	'arena_votes',
	{
		inviteId: integer('invite_id')
			.notNull()
			.references(() => partnerInvites.id),
		itemId: integer('item_id')
			.notNull()
			.references(() => arenaItems.id),
		dots: integer('dots').notNull()
	},
	(t) => [primaryKey({ columns: [t.inviteId, t.itemId] }), index('arena_votes_item_idx').on(t.itemId)]
);

// ---------------------------------------------------------------- from signal to plan and back

export { SIGNAL_STATUSES, type SignalStatus } from '../../signals/states';
import type { SignalStatus } from '../../signals/states';
export const GOVERNMENT_LEVELS = ['flemish', 'federal', 'european'] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];

/**
 * Everything that happened to a signal, oldest first: who, when, why. Status changes carry the states;
 * merges and splits the other signal; the timeline on the signal's page is this table.
 */
export const signalEvents = sqliteTable(
	'signal_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		signalId: integer('signal_id')
			.notNull()
			.references(() => signals.id),
		/** 'status', 'merged_into', 'merged_from', 'split_from', 'split_into', 'retagged', 'council_request', 'advice_published', 'registered'. */
		kind: text('kind').notNull(),
		fromStatus: text('from_status').$type<SignalStatus>(),
		toStatus: text('to_status').$type<SignalStatus>(),
		/** Why, in the words of who did it (required for some transitions). */
		reason: text('reason').notNull().default(''),
		/** The other signal of a merge or split; the council of a request. */
		otherSignalId: integer('other_signal_id'),
		councilId: text('council_id'),
		byUserId: integer('by_user_id').references(() => users.id),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('signal_events_signal_idx').on(t.signalId, t.id), index('signal_events_at_idx').on(t.at)]
);

/**
 * What the city decided about a signal: taken up in the plan (a goal, an action, or a new action marked
 * '(inwoner)'), not taken up (with a reason), or passed on to a higher government (with the addressee).
 */
export const signalDecisions = sqliteTable('signal_decisions', {
	signalId: integer('signal_id')
		.primaryKey()
		.references(() => signals.id),
	outcome: text('outcome').$type<'taken_up' | 'not_taken_up' | 'passed_on'>().notNull(),
	goalId: text('goal_id').references(() => goals.id),
	actionId: text('action_id').references(() => actions.id),
	/** Set when the decision made a new action for it (that action carries the '(inwoner)' mark when residents proposed it). */
	createdAction: integer('created_action', { mode: 'boolean' }).notNull().default(false),
	level: text('level').$type<GovernmentLevel>(),
	addressee: text('addressee'),
	reason: text('reason').notNull().default(''),
	decidedBy: integer('decided_by').references(() => users.id),
	decidedAt: integer('decided_at', { mode: 'timestamp_ms' }).notNull()
});

/** An organisation that registered a signal on behalf of a group that does not take part easily. */
export const signalRegistrations = sqliteTable('signal_registrations', {
	signalId: integer('signal_id')
		.primaryKey()
		.references(() => signals.id),
	organisation: text('organisation').notNull(),
	/** Who it speaks for ('gezinnen in de kinderopvang', 'jongeren op straat'). */
	onBehalfOf: text('on_behalf_of').notNull(),
	/** What they observed, in their words. */
	observation: text('observation').notNull().default('')
});

export const ADVICE_VERDICTS = ['favourable', 'conditional', 'unfavourable'] as const;
export type AdviceVerdict = (typeof ADVICE_VERDICTS)[number];

/** How many members of a council must vote before its advice can be published. */
export const councilSettings = sqliteTable('council_settings', {
	councilId: text('council_id')
		.primaryKey()
		.references(() => councils.id),
	quorum: integer('quorum').notNull().default(3)
});

/**
 * A signal on a council's table: sent to it with a question and a deadline, or raised by the council
 * itself. The council discusses it, drafts its advice together, votes on the verdict and publishes.
 */
export const councilRequests = sqliteTable(
	'council_requests',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		signalId: integer('signal_id')
			.notNull()
			.references(() => signals.id),
		councilId: text('council_id')
			.notNull()
			.references(() => councils.id),
		question: text('question').notNull(),
		deadline: integer('deadline', { mode: 'timestamp_ms' }),
		/** Raised by the council on its own initiative (no question from the city). */
		ownInitiative: integer('own_initiative', { mode: 'boolean' }).notNull().default(false),
		/** When the vote closes (null: no vote yet). */
		voteClosesAt: integer('vote_closes_at', { mode: 'timestamp_ms' }),
		requestedBy: integer('requested_by').references(() => users.id),
		requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('council_requests_council_idx').on(t.councilId), index('council_requests_signal_idx').on(t.signalId)]
);

/** The council's discussion of one request. */
export const councilMessages = sqliteTable(
	'council_messages',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		requestId: integer('request_id')
			.notNull()
			.references(() => councilRequests.id),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		text: text('text').notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('council_messages_request_idx').on(t.requestId, t.id)]
);

/** The shared draft of a council's advice: a Yjs document stored as its update log (like a board). */
export const adviceUpdates = sqliteTable(
	'advice_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		requestId: integer('request_id')
			.notNull()
			.references(() => councilRequests.id),
		data: blob('data', { mode: 'buffer' }).notNull()
	},
	(t) => [index('advice_updates_request_idx').on(t.requestId, t.id)]
);

/** One member's vote on the verdict of a request's advice (they may change it until the vote closes). */
export const councilVotes = sqliteTable(
	'council_votes',
	{
		requestId: integer('request_id')
			.notNull()
			.references(() => councilRequests.id),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		verdict: text('verdict').$type<AdviceVerdict>().notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.requestId, t.userId] })]
);

/** The published advice: its text as it was published, the verdict the vote decided, the date. */
export const councilAdvice = sqliteTable('council_advice', {
	requestId: integer('request_id')
		.primaryKey()
		.references(() => councilRequests.id),
	verdict: text('verdict').$type<AdviceVerdict>().notNull(),
	text: text('text').notNull(),
	votes: text('votes', { mode: 'json' }).$type<Record<AdviceVerdict, number>>().notNull(),
	publishedBy: integer('published_by').references(() => users.id),
	publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * Messages to residents who left an email: a signal their input backs reached advice or a decision.
 * The outbox is the table: a row is written in the same transaction as the change, sent afterwards,
 * retried, and marked when it bounced. One row per contact, signal and event.
 */
export const notifications = sqliteTable(
	'notifications',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** 'postcard' (postcard_contacts.postcardId) or 'table' (table_contacts.participantId). */
		contactKind: text('contact_kind').$type<'postcard' | 'table'>().notNull(),
		contactId: integer('contact_id').notNull(),
		signalId: integer('signal_id')
			.notNull()
			.references(() => signals.id),
		event: text('event').$type<'advised' | 'decided' | 'feedback'>().notNull(),
		locale: text('locale').notNull(),
		status: text('status').$type<'pending' | 'sent' | 'failed' | 'bounced' | 'cancelled'>().notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' })
	},
	(t) => [uniqueIndex('notifications_once_idx').on(t.contactKind, t.contactId, t.signalId, t.event), index('notifications_status_idx').on(t.status)]
);
