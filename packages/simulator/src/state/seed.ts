import type { Store } from './store.js';

/** Seeds known to the simulator: `demo` (an enterprise with people and meetings) and `empty`. */
export type SeedName = 'demo' | 'empty';

/** Well-known accounts of the seeded enterprise, for demos and tests. */
export const SEED_ACCOUNTS = {
  admin: { thirdAccount: 'admin', userAccount: 'admin@demo', password: 'Admin@2026!', name: 'Ada Admin' },
  ops: { thirdAccount: 'ops', userAccount: 'ops@demo', password: 'Ops@2026!', name: 'Oscar Ops' },
  alice: { thirdAccount: 'alice', userAccount: 'alice@demo', password: 'Alice@2026!', name: 'Alice Li' },
  bob: { thirdAccount: 'bob', userAccount: 'bob@demo', password: 'Bob@2026!', name: 'Bob Wang' },
  carol: { thirdAccount: 'carol', userAccount: 'carol@demo', password: 'Carol@2026!', name: 'Carol Zhang' },
  dave: { thirdAccount: 'dave', userAccount: 'dave@demo', password: 'Dave@2026!', name: 'Dave Chen' },
} as const;

/** Fills the store with the named seed's enterprise: departments and users (meetings come from the meeting seed). */
export function seedEnterprise(store: Store, seed: SeedName): void {
  const admin = SEED_ACCOUNTS.admin;
  store.addUser({ ...admin, adminType: 0, email: 'admin@demo.example' });
  if (seed === 'empty') return;
  store.departments.set('eng', {
    deptCode: 'eng',
    deptName: 'Engineering',
    parentDeptCode: '1',
    sortLevel: 1,
  });
  store.departments.set('sales', { deptCode: 'sales', deptName: 'Sales', parentDeptCode: '1', sortLevel: 2 });
  store.departments.set('eng-web', {
    deptCode: 'eng-web',
    deptName: 'Web',
    parentDeptCode: 'eng',
    sortLevel: 1,
  });
  store.addUser({ ...SEED_ACCOUNTS.ops, adminType: 1, email: 'ops@demo.example', deptCode: 'eng' });
  store.addUser({
    ...SEED_ACCOUNTS.alice,
    email: 'alice@demo.example',
    phone: '+8613800000001',
    country: 'chinaPR',
    deptCode: 'eng-web',
  });
  store.addUser({ ...SEED_ACCOUNTS.bob, email: 'bob@demo.example', deptCode: 'eng' });
  store.addUser({ ...SEED_ACCOUNTS.carol, email: 'carol@demo.example', deptCode: 'sales' });
  store.addUser({ ...SEED_ACCOUNTS.dave, email: 'dave@demo.example', deptCode: 'sales' });
}
