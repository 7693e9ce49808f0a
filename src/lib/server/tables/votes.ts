/** The votes that count: dots and poll answers of participants the facilitator has not removed. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { schema, type Db } from '../db';

const pa = schema.tableParticipants;
const vo = schema.tableVotes;

/** The counted votes in these phases (projector, console and report alike). */
export function countedVotes(db: Db, phaseIds: number[]): (typeof vo.$inferSelect)[] {
	if (!phaseIds.length) return [];
	return db
		.select({ v: vo })
		.from(vo)
		.innerJoin(pa, eq(pa.id, vo.participantId))
		.where(and(inArray(vo.phaseId, phaseIds), isNull(pa.removedAt)))
		.all()
		.map((r) => r.v);
}
