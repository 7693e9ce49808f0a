import { createStaff, type StaffUser } from '../../src/lib/server/auth';
import type { Role } from '../../src/lib/server/db/schema';
import { createTable, type NewTable } from '../../src/lib/server/tables';

let n = 0;
export async function staff(roles: Role[] = ['facilitator']): Promise<StaffUser> {
	n++;
	const email = `staff${n}-${Date.now()}@example.org`;
	const { id } = await createStaff({ email, name: `Staff ${n}`, roles, councilIds: [] });
	return { id, email, name: `Staff ${n}`, roles, councilIds: [] };
}

export async function table(user: StaffUser, input: Partial<NewTable> = {}) {
	const r = await createTable(user, { title: 'Gelijke kansen in het onderwijs', template: 'dialogue_table', ...input });
	if (!r.ok) throw new Error(r.error);
	return r;
}
