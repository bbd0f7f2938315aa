// Normalised, read-only views of what the push frames say (control-and-push.md A.8 and B.5), one module per view.
// Where the wire object is already typed (attendees, net conditions, interpreter groups, basic info) the view
// keeps its wire names and types (inferred from the frame schemas); where the wire carries string flags
// (`pinfoMap`, status integers) the view maps them to booleans and enums. A known key whose value is not one of
// the published ones is kept, as received, in `extra` (beside the unknown keys), so nothing the server says is
// lost.
export * from './attendee.js';
export * from './basic.js';
export * from './frozen.js';
export * from './interpreterGroup.js';
export * from './inviteResult.js';
export * from './netCondition.js';
export * from './participant.js';
export * from './pinfo.js';
export * from './speaker.js';
export * from './status.js';
export * from './subtitle.js';
export * from './waitingEntry.js';
