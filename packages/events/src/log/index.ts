export * from './cursorAhead.js';
export * from './lease.js';
export * from './meetingLog.js';
export { type MeetingLogTopics, MemoryMeetingLog, type MemoryMeetingLogOptions } from './memoryLog.js';
export * from './position.js';
