import type { StaffUser } from '$lib/server/auth';

declare global {
	namespace App {
		interface Locals {
			user: StaffUser | null;
			locale: string;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
