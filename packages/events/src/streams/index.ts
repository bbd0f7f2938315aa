// The path of a pushed frame from the upstream socket to every subscriber (see meetingStreams.ts). The room, the
// holder and the feed are its parts; the facade and the updates are what other packages use.
export * from './meetingStreams.js';
export * from './updateFold.js';
