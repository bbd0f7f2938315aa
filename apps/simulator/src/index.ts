export { type Fault, FaultQueue, faultSchema } from './faults.js';
export { controlTokenFrom } from './http/dispatch.js';
export { SimErrorCode, SimHttpError } from './http/errors.js';
export { type Simulator, type SimulatorOptions, startSimulator } from './server.js';
export { SimClock } from './state/clock.js';
export type { ConferenceState, LiveState, MeetingRecord, ParticipantRecord } from './state/meetings.js';
export { SEED_ACCOUNTS, type SeedName } from './state/seed.js';
export type { Store, StoreChange, UserRecord } from './state/store.js';
