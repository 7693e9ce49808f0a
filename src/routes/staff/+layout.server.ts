import type { LayoutServerLoad } from './$types';
import { requireStaff } from '$lib/server/auth/guard';

// Every page under /staff needs a staff session; each page checks its own role on top of this.
export const load: LayoutServerLoad = (event) => {
	const user = requireStaff(event);
	return { staff: { name: user.name, roles: user.roles, councilIds: user.councilIds } };
};
