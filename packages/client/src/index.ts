export * from './api/auth.js';
export * from './api/control.js';
export * from './api/departments.js';
export * from './api/meetings.js';
export * from './api/users.js';
export { type CallOptions, ClientCore, DEFAULT_ENDPOINT, type MeetingClientOptions } from './client.js';
export { ControlTokenManager, type ControlTokenManagerOptions } from './controlTokens.js';
export { ClientErrorCode, MeetingApiError, type MeetingApiErrorInit } from './errors.js';
export {
  type AccountCredentials,
  type AppIdCredentials,
  type CachedToken,
  type Credentials,
  TokenManager,
} from './tokens.js';
export {
  type BreakerOptions,
  type RetryOptions,
  Transport,
  type TransportEvent,
  type TransportOptions,
} from './transport.js';
export { checkToken, createAppIdToken, createToken, deleteToken, updateToken } from './wire/auth.js';
export type {
  AllowGuestUnmuteBody,
  AllowWaitingParticipantBody,
  BatchHandBody,
  BatchMoveToWaitingRoomBody,
  ConfTokenHeaders,
  ConfTokenResponse,
  ControlConferenceQuery,
  ControlParticipantQuery,
  DeleteAttendeeInfo,
  DeleteAttendeesBody,
  HandBody,
  HangUpBody,
  InviteAttendee,
  InviteAttendeeType,
  InviteParticipantBody,
  LiveBody,
  LockMeetingBody,
  MoveToWaitingRoomBody,
  MuteMeetingBody,
  MuteParticipantBody,
  ProlongMeetingBody,
  RealTimeAttendee,
  RealTimeInfoResponse,
  RealTimeParticipant,
  RecordBody,
  RenameParticipantBody,
  SetCohostBody,
  SetRoleBody,
  StartedConfConfigBody,
  TokenInfo,
  WebSocketTokenResponse,
} from './wire/control.js';
export { controlOperations } from './wire/control.js';
export type {
  ChildDept,
  DeptBody,
  DeptWithChildren,
  ModDeptBody,
  QueryDeptResult,
  ShowDepartmentResponse,
} from './wire/departments.js';
export { departmentOperations } from './wire/departments.js';
export type {
  AttendeeType,
  CancelMeetingQuery,
  CancelSubMeetingsBody,
  ConfConfigInfo,
  ConferenceDetail,
  ConferenceIdQuery,
  ConferenceInfo,
  ConferenceInfoList,
  ConferencePage,
  ConferenceStateName,
  CycleParams,
  CycleParamsInfo,
  CycleSubConf,
  CycleSubConfConfig,
  CycleSubConfConfigInfo,
  HisMeetingDetailHeaders,
  HisMeetingDetailQuery,
  HistorySortType,
  MeetingDetailHeaders,
  MeetingDetailQuery,
  MeetingSortType,
  PageParticipant,
  PartAttendee,
  ParticipantInfo,
  PasswordEntry,
  RequestMediaType,
  RestAttendee,
  RestConfConfig,
  RestScheduleConf,
  RestScheduleCycleConf,
  SearchHisMeetingsQuery,
  SearchMeetingsQuery,
  SearchOnlineMeetingsQuery,
  StartMeetingBody,
  StartMeetingResponse,
} from './wire/meetings.js';
export { meetingOperations } from './wire/meetings.js';
export type {
  AddUserBody,
  CorpDirPage,
  InviteUserBody,
  InviteUserResponse,
  ModMemberBody,
  ModUserBody,
  SearchCorpDirQuery,
  SearchUserResult,
  SearchUsersPage,
  SearchUsersQuery,
  UserDetail,
  UserDto,
  UserVmr,
} from './wire/users.js';
export { userOperations } from './wire/users.js';
