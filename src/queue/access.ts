import { assertStaff } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';

/**
 * SPEC 1: the centre support team triages, approves and rejects (`support`, and `admin` who can do
 * everything support can); helpline staff look things up, so they may read the queue but not act on it.
 */
export function assertCanReadQueue(p: Principal): void {
  assertStaff(p, 'support', 'helpline', 'admin');
}

export function assertCanWorkQueue(p: Principal): void {
  assertStaff(p, 'support', 'admin');
}
