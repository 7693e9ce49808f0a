import { fail } from '@sveltejs/kit';
import { isEmail } from '$lib/server/refusal';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';
import { createStaff, findUserByEmail, listUsers, passwordProblem, reissueInvite, updateStaff } from '$lib/server/auth';
import { issueResetLink, RESET_HOURS } from '$lib/server/auth/account';
import { getPlan, unknownPlanIds } from '$lib/server/plan';
import { ROLES, type Role } from '$lib/server/db/schema';


/** Field problems, by field; the page shows each one next to its field. */
export type StaffFieldProblem =
	| 'name_empty'
	| 'email_invalid'
	| 'email_taken'
	| 'roles_empty'
	| 'councils_empty'
	| 'council_unknown'
	| 'password_too_short'
	| 'password_too_long'
	| 'password_common'
	| 'password_personal'
	| 'self_admin'
	| 'self_deactivate'
	| 'not_found';

export type CreateValues = { name: string; email: string; roles: string[]; councilIds: string[]; access: 'invite' | 'password' };

export const load: PageServerLoad = async (event) => {
	const me = requireStaff(event, 'admin');
	const [users, plan] = await Promise.all([listUsers(), getPlan({ includeArchived: true })]);
	const now = Date.now();
	return {
		me: me.id,
		councils: plan.councils.map((c) => ({ id: c.id, labels: c.labels, archived: c.archived })),
		users: users.map((u) => ({
			id: u.id,
			name: u.name,
			email: u.email,
			roles: u.roles,
			councilIds: u.councilIds,
			active: u.active,
			invite: u.passwordHash ? null : u.inviteExpiresAt && u.inviteExpiresAt.getTime() > now ? ('pending' as const) : ('expired' as const),
			resetOpen: !!u.passwordHash && !!u.inviteTokenHash && !!u.inviteExpiresAt && u.inviteExpiresAt.getTime() > now
		}))
	};
};

function readRoles(form: FormData): Role[] {
	return form.getAll('roles').map(String).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

async function checkRolesAndCouncils(roles: Role[], councilIds: string[], errors: Record<string, StaffFieldProblem>) {
	if (roles.length === 0) errors.roles = 'roles_empty';
	if (roles.includes('council_member') && councilIds.length === 0) errors.councils = 'councils_empty';
	else if (councilIds.length && (await unknownPlanIds('council', councilIds)).length) errors.councils = 'council_unknown';
}

async function findStaff(id: number) {
	return (await listUsers()).find((u) => u.id === id) ?? null;
}

export const actions: Actions = {
	create: async (event) => {
		requireStaff(event, 'admin');
		const form = await event.request.formData();
		const values: CreateValues = {
			name: String(form.get('name') ?? '').trim(),
			email: String(form.get('email') ?? '').trim(),
			roles: readRoles(form),
			councilIds: form.getAll('councilIds').map(String),
			access: form.get('access') === 'password' ? 'password' : 'invite'
		};
		const password = String(form.get('password') ?? '');
		const errors: Record<string, StaffFieldProblem> = {};
		if (!values.name) errors.name = 'name_empty';
		if (!isEmail(values.email)) errors.email = 'email_invalid';
		else if (await findUserByEmail(values.email)) errors.email = 'email_taken';
		const roles = values.roles as Role[];
		// Councils only matter for a council member; others keep none.
		const councilIds = roles.includes('council_member') ? values.councilIds : [];
		await checkRolesAndCouncils(roles, councilIds, errors);
		if (values.access === 'password') {
			const problem = passwordProblem(password, { email: values.email, name: values.name });
			if (problem) errors.password = `password_${problem}`;
		}
		if (Object.keys(errors).length) return fail(400, { create: { values, errors } });
		try {
			const { inviteToken } = await createStaff({
				name: values.name,
				email: values.email,
				roles,
				councilIds,
				password: values.access === 'password' ? password : undefined
			});
			return {
				created: {
					name: values.name,
					inviteUrl: inviteToken ? `${event.url.origin}/invite/${inviteToken}` : null
				}
			};
		} catch (e) {
			// Two admins adding the same address at the same moment: the unique index decides.
			if (String((e as Error).message).includes('UNIQUE')) {
				return fail(400, { create: { values, errors: { email: 'email_taken' as StaffFieldProblem } } });
			}
			throw e;
		}
	},

	update: async (event) => {
		const me = requireStaff(event, 'admin');
		const form = await event.request.formData();
		const id = Number(form.get('id'));
		const user = await findStaff(id);
		const roles = readRoles(form);
		const submitted = { roles: roles as string[], councilIds: form.getAll('councilIds').map(String) };
		if (!user) return fail(404, { update: { id, values: submitted, errors: { form: 'not_found' as StaffFieldProblem } } });
		const councilIds = roles.includes('council_member') ? submitted.councilIds : [];
		const errors: Record<string, StaffFieldProblem> = {};
		if (user.id === me.id && !roles.includes('admin')) errors.roles = 'self_admin';
		await checkRolesAndCouncils(roles, councilIds, errors);
		if (Object.keys(errors).length) return fail(400, { update: { id, values: submitted, errors } });
		await updateStaff(user.id, { roles, councilIds });
		return { updated: { id, name: user.name } };
	},

	setActive: async (event) => {
		const me = requireStaff(event, 'admin');
		const form = await event.request.formData();
		const id = Number(form.get('id'));
		const user = await findStaff(id);
		const active = form.get('active') === '1';
		if (!user) return fail(404, { activation: { id, error: 'not_found' as StaffFieldProblem } });
		if (user.id === me.id && !active) return fail(400, { activation: { id, error: 'self_deactivate' as StaffFieldProblem } });
		await updateStaff(user.id, { active });
		return { activation: { id, name: user.name, active } };
	},

	reinvite: async (event) => {
		requireStaff(event, 'admin');
		const form = await event.request.formData();
		const id = Number(form.get('id'));
		const user = await findStaff(id);
		const token = user ? await reissueInvite(user.id) : null;
		if (!user || !token) return fail(404, { activation: { id, error: 'not_found' as StaffFieldProblem } });
		return { created: { name: user.name, inviteUrl: `${event.url.origin}/invite/${token}` } };
	},

	/** A one-time link to choose a new password (RESET_HOURS); using it ends that person's sessions. */
	reset: async (event) => {
		requireStaff(event, 'admin');
		const form = await event.request.formData();
		const id = Number(form.get('id'));
		const user = await findStaff(id);
		const token = user ? await issueResetLink(user.id) : null;
		if (!user || !token) return fail(404, { activation: { id, error: 'not_found' as StaffFieldProblem } });
		return { reset: { name: user.name, url: `${event.url.origin}/invite/${token}`, hours: RESET_HOURS } };
	}
};
