// The path of a pushed frame from the upstream socket to every subscriber (see meetingStreams.ts).
export * from './meetingFeed.js';
export * from './meetingRoom.js';
export * from './meetingStreams.js';
export * from './updateFold.js';
export * from './upstreamHolder.js';
