/**
 * Meeting management (rest-api.md section 3): scheduling, editing, cancelling, lists, details, history, recurring
 * series and activation. Field names, casing and irregular spellings (`terminlCount`, `MEETTING`,
 * `ASC_StartTIME`) are exactly as published.
 */
import { z } from 'zod';
import { emptyResponse, flag, meetingTime, pagingQuery, queryBool, queryInt } from './common.js';
import { defineOperation } from './operation.js';
import { lineText, multiLineText } from './text.js';
import { openEnum, pageOf, tolerantList, tolerantRecord } from './tolerant.js';

// ---------------------------------------------------------------------------------------------------------
// Request objects (section 3.1)
// ---------------------------------------------------------------------------------------------------------

/** Requested media: `Voice` (audio) or `HDVideo` (video). */
export const requestMediaTypeSchema = z.enum(['Voice', 'HDVideo']);
/** Requested media of a meeting. */
export type RequestMediaType = z.infer<typeof requestMediaTypeSchema>;

/** Attendee device/kind as published (`customnumber` comes from the mirrored doc). */
export const attendeeTypeSchema = z.enum([
  'normal',
  'terminal',
  'outside',
  'mobile',
  'ideahub',
  'board',
  'hwvision',
  'customnumber',
]);
/** Kind of an attendee. */
export type AttendeeType = z.infer<typeof attendeeTypeSchema>;

/** Numeric time-zone id as a string, 1 to 73 (section 3.6), e.g. `"56"` for Beijing. */
const timeZoneIdSchema = z
  .string()
  .regex(/^([1-9]|[1-6]\d|7[0-3])$/, { error: 'must be a time-zone id 1..73' });

/** Calendar date `YYYY-MM-DD` of a recurring series. */
const cycleDate = () =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date of the form YYYY-MM-DD' });

/** `RestAttendeeDTO`: one invitee. */
export const restAttendeeSchema = z.object({
  userUUID: z.string().optional(),
  /** Meeting account, or the third-party userId in App ID mode (then with `appId`). */
  accountId: lineText().optional(),
  appId: z.string().optional(),
  name: lineText().max(96).optional(),
  /** 0 guest (default), 1 host. */
  role: flag().optional(),
  /** SIP or mobile number. */
  phone: z.string().optional(),
  phone2: z.string().optional(),
  phone3: z.string().optional(),
  email: z.string().optional(),
  sms: z.string().optional(),
  isMute: flag().optional(),
  isAutoInvite: flag().optional(),
  type: attendeeTypeSchema.optional(),
  address: z.string().optional(),
  deptUUID: z.string().optional(),
  deptName: lineText().max(128).optional(),
  /** 0 normal attendee, 1 enterprise-unique site (`type` must then be `customnumber`). */
  uniqueType: flag().optional(),
});
/** An invitee of a meeting. */
export type RestAttendee = z.infer<typeof restAttendeeSchema>;

/** `RestConfConfigDTO` fields; booleans are real booleans here, unlike the 0/1 flags of the meeting itself. */
const confConfigShape = {
  isSendNotify: z.boolean().optional(),
  isSendSms: z.boolean().optional(),
  isSendCalendar: z.boolean().optional(),
  isAutoMute: z.boolean().optional(),
  isHardTerminalAutoMute: z.boolean().optional(),
  isGuestFreePwd: z.boolean().optional(),
  /** 0 everyone, 2 enterprise users, 3 invited users. */
  callInRestriction: z.union([z.literal(0), z.literal(2), z.literal(3)]).optional(),
  allowGuestStartConf: z.boolean().optional(),
  guestPwd: z
    .string()
    .regex(/^\d{4,16}$/, { error: 'must be 4 to 16 digits' })
    .optional(),
  /** 0 fixed ID, 1 random ID (cloud meeting rooms). */
  vmrIDType: flag().optional(),
  /** Auto-extension minutes, 0 to 60. */
  prolongLength: z.number().int().min(0).max(60).optional(),
  enableWaitingRoom: z.boolean().optional(),
  isHostCameraOn: z.boolean().optional(),
  isGuestCameraOn: z.boolean().optional(),
};

/** `RestConfConfigDTO` (`confConfigInfo`) as sent. */
export const restConfConfigSchema = z.object(confConfigShape);
/** Extra options of a meeting as sent. */
export type RestConfConfig = z.infer<typeof restConfConfigSchema>;

/** `confConfigInfo` as answered inside `ConferenceInfo`: every field optional, codes open. */
export const confConfigInfoSchema = tolerantRecord(
  'ConfConfigInfo',
  {},
  {
    isSendNotify: z.boolean(),
    isSendSms: z.boolean(),
    isSendCalendar: z.boolean(),
    isAutoMute: z.boolean(),
    isHardTerminalAutoMute: z.boolean(),
    isGuestFreePwd: z.boolean(),
    /** 0 everyone, 2 enterprise users, 3 invited users. */
    callInRestriction: z.number().int(),
    allowGuestStartConf: z.boolean(),
    guestPwd: z.string(),
    /** 0 fixed ID, 1 random ID. */
    vmrIDType: z.number().int(),
    prolongLength: z.number().int(),
    enableWaitingRoom: z.boolean(),
    isHostCameraOn: z.boolean(),
    isGuestCameraOn: z.boolean(),
  },
);
/** Extra options of a meeting as answered. */
export type ConfConfigInfo = z.infer<typeof confConfigInfoSchema>;

/** Largest `interval` per cycle: every 1-15 days, 1-5 weeks, 1-3 months. */
const MAX_INTERVAL = { Day: 15, Week: 5, Month: 3 } as const;

/** `CycleParams`: the recurrence of a series, as sent. */
export const cycleParamsSchema = z
  .object({
    /** First day, in the `timeZoneID` zone (not UTC); not before today. */
    startDate: cycleDate(),
    /** Last day; at most one year after `startDate`. */
    endDate: cycleDate(),
    cycle: z.enum(['Day', 'Week', 'Month']),
    interval: z.number().int().min(1).optional(),
    /** Week: weekdays 0 (Sunday) to 6; Month: days 1 to 31 (a missing day means the month's end). */
    point: z.array(z.number().int()).min(1).optional(),
    /** Remind this many days before each sub-meeting, 0 to 30. */
    preRemindDays: z.number().int().min(0).max(30),
  })
  .superRefine((value, ctx) => {
    if (value.interval !== undefined && value.interval > MAX_INTERVAL[value.cycle]) {
      ctx.addIssue({
        code: 'custom',
        path: ['interval'],
        message: `must be 1 to ${MAX_INTERVAL[value.cycle]} for cycle ${value.cycle}`,
      });
    }
    if (value.point && value.cycle !== 'Day') {
      const [min, max] = value.cycle === 'Week' ? [0, 6] : [1, 31];
      const index = value.point.findIndex((p) => p < min || p > max);
      if (index >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['point', index],
          message: `must be ${min} to ${max} for cycle ${value.cycle}`,
        });
      }
    }
    if (value.endDate < value.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    }
  });
/** Recurrence of a series as sent. */
export type CycleParams = z.infer<typeof cycleParamsSchema>;

/** `CycleParams` as answered: every field optional, `cycle` open. */
export const cycleParamsInfoSchema = tolerantRecord(
  'CycleParams',
  {},
  {
    startDate: z.string(),
    endDate: z.string(),
    cycle: openEnum(['Day', 'Week', 'Month']),
    interval: z.number().int(),
    point: z.array(z.number().int()),
    preRemindDays: z.number().int(),
  },
);
/** Recurrence of a series as answered. */
export type CycleParamsInfo = z.infer<typeof cycleParamsInfoSchema>;

/** `RestScheduleConfDTO`: body of create (M1), edit (M2) and the recurring create/edit (R1, R2). */
export const restScheduleConfSchema = z.object({
  subject: lineText().max(128).optional(),
  /** UTC `yyyy-MM-dd HH:mm`; omitted or `""` starts the meeting now (M1). */
  startTime: z.union([meetingTime(), z.literal('')]).optional(),
  /** Minutes, 15 to 1440 (default 30). */
  length: z.number().int().min(15).max(1440).optional(),
  mediaTypes: requestMediaTypeSchema,
  groupuri: z.string().max(31).optional(),
  attendees: z.array(restAttendeeSchema).optional(),
  /** Required for recurring meetings (R1). */
  cycleParams: cycleParamsSchema.optional(),
  isAutoRecord: flag().optional(),
  /** 0 adaptive, 1 forced, 2 none. */
  encryptMode: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  language: z.enum(['zh-CN', 'en-US']).optional(),
  timeZoneID: timeZoneIdSchema.optional(),
  /** 0 disabled, 1 live, 2 recording, 3 live + recording. */
  recordType: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  liveAddress: z.string().max(255).optional(),
  auxAddress: z.string().max(255).optional(),
  recordAuxStream: flag().optional(),
  confConfigInfo: restConfConfigSchema.optional(),
  /** 0 anyone with the link, 1 enterprise users, 2 participants. */
  recordAuthType: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  vmrFlag: flag().optional(),
  /** The VMR `id` (not `vmrId`) from the VMR query. */
  vmrID: z.string().optional(),
  /** Most participants, 0 unlimited. */
  concurrentParticipants: z.number().int().min(0).optional(),
  supportSimultaneousInterpretation: z.boolean().optional(),
  /** 0 concurrent, 1 cloud meeting room, 2 webinar, 3 reserved; fixed after creation. */
  confResType: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
});
/** Body that schedules or edits a meeting or a series. */
export type RestScheduleConf = z.infer<typeof restScheduleConfSchema>;

/** `CycleSubConfConfigDTO`: options of one sub-meeting of a series. */
const cycleSubConfConfigShape = {
  /** 0 all, 2 enterprise users, 3 invited users. */
  callInRestriction: z.union([z.literal(0), z.literal(2), z.literal(3)]).optional(),
  /** Webinar audience: 0 all, 2 enterprise and invited users. */
  audienceCallInRestriction: z.union([z.literal(0), z.literal(2)]).optional(),
  allowGuestStartConf: z.boolean().optional(),
  enableWaitingRoom: z.boolean().optional(),
  showAudienceCountInfo: z
    .object({
      /** 0 hide, 1 multiply. */
      showAudienceMode: flag().optional(),
      baseAudienceCount: z.number().int().min(0).max(10_000).optional(),
      /** Shown count = N x multiple + base; 1 to 10 with one decimal. */
      multiple: z.number().min(1).max(10).optional(),
    })
    .optional(),
};

/** `CycleSubConfConfigDTO` as sent. */
export const cycleSubConfConfigSchema = z.object(cycleSubConfConfigShape);
/** Options of one sub-meeting as sent. */
export type CycleSubConfConfig = z.infer<typeof cycleSubConfConfigSchema>;

/** `CycleSubConfConfigDTO` as answered: every field optional, codes open. */
export const cycleSubConfConfigInfoSchema = tolerantRecord(
  'CycleSubConfConfig',
  {},
  {
    callInRestriction: z.number().int(),
    audienceCallInRestriction: z.number().int(),
    allowGuestStartConf: z.boolean(),
    enableWaitingRoom: z.boolean(),
    /** Kept as answered. */
    showAudienceCountInfo: z.looseObject({}),
  },
);
/** Options of one sub-meeting as answered. */
export type CycleSubConfConfigInfo = z.infer<typeof cycleSubConfConfigInfoSchema>;

/** `RestScheduleCycleConfDTO`: body of R4, the edit of one sub-meeting. */
export const restScheduleCycleConfSchema = z.object({
  cycleSubConfID: z.string().min(1),
  mediaTypes: requestMediaTypeSchema,
  /** UTC `yyyy-MM-dd HH:mm`. */
  startTime: meetingTime(),
  /** Minutes, 15 to 1440. */
  length: z.number().int().min(15).max(1440),
  isAutoRecord: flag().optional(),
  confConfigInfo: cycleSubConfConfigSchema.optional(),
  recordAuthType: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  description: multiLineText().max(200).optional(),
});
/** Body that edits one sub-meeting. */
export type RestScheduleCycleConf = z.infer<typeof restScheduleCycleConfSchema>;

/** Body of R5: the sub-meetings to cancel (sent with DELETE). */
export const cancelSubMeetingsBodySchema = z.object({
  cycleSubConfIDs: z.array(lineText().min(1)).min(1),
});
/** Body that cancels sub-meetings. */
export type CancelSubMeetingsBody = z.infer<typeof cancelSubMeetingsBodySchema>;

/** Body of M10, activation: the meeting and its host (or, if allowed, guest) password. */
export const startMeetingBodySchema = z.object({
  conferenceID: z.string().min(1),
  password: z.string().min(1),
});
/** Body that activates a meeting. */
export type StartMeetingBody = z.infer<typeof startMeetingBodySchema>;

// ---------------------------------------------------------------------------------------------------------
// Response objects (sections 3.2, 3.5). Tolerant (tolerant.ts): the official SDK makes every field of these
// optional, so each requires only what identifies it; enum values stay open.
// ---------------------------------------------------------------------------------------------------------

/** Roles a meeting password grants. */
export const conferenceRoleSchema = openEnum(['chair', 'general']);

/** `PasswordEntry`: the scheduler sees `chair` and `general`, a host `chair`, a guest `general`. */
export const passwordEntrySchema = tolerantRecord(
  'PasswordEntry',
  { conferenceRole: conferenceRoleSchema },
  { password: z.string() },
);
/** One meeting password and the role it grants. */
export type PasswordEntry = z.infer<typeof passwordEntrySchema>;

/** `PartAttendee`: one of the first 20 soft-client and 20 hard-terminal invitees (nothing identifies one). */
export const partAttendeeSchema = tolerantRecord(
  'PartAttendee',
  {},
  {
    name: z.string(),
    phone: z.string(),
    phone2: z.string(),
    phone3: z.string(),
    type: z.string(),
    role: z.number().int(),
    isMute: z.number().int(),
  },
);
/** An invitee summary inside `ConferenceInfo`. */
export type PartAttendee = z.infer<typeof partAttendeeSchema>;

/** `CycleSubConf`: one sub-meeting of a series. */
export const cycleSubConfSchema = tolerantRecord(
  'CycleSubConf',
  { cycleSubConfID: z.string() },
  {
    conferenceID: z.string(),
    /** `Voice`, `Video`, `HDVideo` or `Data`. */
    mediaType: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    isAutoRecord: z.number().int(),
    confConfigInfo: cycleSubConfConfigInfoSchema,
    recordAuthType: z.number().int(),
    description: z.string(),
  },
);
/** One sub-meeting of a series. */
export type CycleSubConf = z.infer<typeof cycleSubConfSchema>;

/** `conferenceState` values; lists "currently only return Created and Schedule", history may carry others. */
export const conferenceStateSchema = openEnum(['Schedule', 'Creating', 'Created', 'Destroyed']);
/** State of a meeting: scheduled, starting, running, ended, or a state the client does not know. */
export type ConferenceStateName = z.infer<typeof conferenceStateSchema>;

/** How a meeting was created: `FUTURE`, `IMMEDIATELY` or `CYCLE`. */
export const confTypeSchema = openEnum(['FUTURE', 'IMMEDIATELY', 'CYCLE']);

/** The caller's own role in a meeting. */
export const meetingRoleSchema = openEnum(['chair', 'general', 'audience']);

/** `ConferenceInfo`: the meeting object of M1, M2, M4 to M9, R1 and R2. Only `conferenceID` is required. */
export const conferenceInfoSchema = tolerantRecord(
  'ConferenceInfo',
  { conferenceID: z.string() },
  {
    subject: z.string(),
    /** Invitees at scheduling time. */
    size: z.number().int(),
    timeZoneID: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    /** Comma list of `Voice`, `Video`, `HDVideo`, `Data`. */
    mediaTypes: z.string(),
    conferenceState: conferenceStateSchema,
    language: z.string(),
    accessNumber: z.string(),
    passwordEntry: tolerantList(passwordEntrySchema),
    /** The scheduler's user UUID. */
    userUUID: z.string(),
    scheduserName: z.string(),
    /** 0 normal, 2 recurring. */
    conferenceType: z.number().int(),
    confType: confTypeSchema,
    cycleParams: cycleParamsInfoSchema,
    isAutoMute: z.number().int(),
    isAutoRecord: z.number().int(),
    chairJoinUri: z.string(),
    guestJoinUri: z.string(),
    audienceJoinUri: z.string(),
    recordType: z.number().int(),
    auxAddress: z.string(),
    liveAddress: z.string(),
    recordAuxStream: z.number().int(),
    recordAuthType: z.number().int(),
    liveUrl: z.string(),
    confConfigInfo: confConfigInfoSchema,
    vmrFlag: z.number().int(),
    /** Whether a recording exists (history queries only). */
    isHasRecordFile: z.boolean(),
    vmrConferenceID: z.string(),
    /** Instance UUID: at creation only for immediate meetings; always in history (needed by M9). */
    confUUID: z.string(),
    partAttendeeInfo: tolerantList(partAttendeeSchema),
    /** Hard terminals among the invitees (sic). */
    terminlCount: z.number().int(),
    /** Soft clients among the invitees. */
    normalCount: z.number().int(),
    deptName: z.string(),
    vmrID: z.string(),
    /** The caller's own role (detail queries). */
    role: meetingRoleSchema,
    webinar: z.boolean(),
    /** Participants online now (online list only). */
    onlineAttendeeAmount: z.number().int(),
    multiStreamFlag: z.number().int(),
    /** `COMMON` (MCU) or `RTC` (MMR). */
    confMode: z.string(),
    scheduleVmr: z.boolean(),
    concurrentParticipants: z.number().int(),
    supportSimultaneousInterpretation: z.boolean(),
    /** Continuous-presence layout (`MultiPicDisplayDO`), kept as sent. */
    picDisplay: z.looseObject({}),
    subConfs: tolerantList(cycleSubConfSchema),
    /** The first sub-meeting of a series. */
    cycleSubConfID: z.string(),
  },
);
/** A meeting as the server describes it. */
export type ConferenceInfo = z.infer<typeof conferenceInfoSchema>;

/** Answer of create/edit (single and recurring): a JSON array, normally of one meeting. */
export const conferenceInfoListSchema = tolerantList(conferenceInfoSchema);
/** The meetings of a create/edit answer. */
export type ConferenceInfoList = z.infer<typeof conferenceInfoListSchema>;

/** `ParticipantInfo`: one invitee in a detail answer. */
export const participantInfoSchema = tolerantRecord(
  'ParticipantInfo',
  {
    /** The participant's SIP or phone number. */
    participantID: z.string(),
  },
  {
    name: z.string(),
    subscriberID: z.string(),
    /** 0 guest, 1 host. */
    role: z.number().int(),
    /** `MEETTING` (sic) as published. */
    state: openEnum(['MEETTING']),
    address: z.string(),
    attendeeType: z.string(),
    accountId: z.string(),
    phone2: z.string(),
    phone3: z.string(),
    email: z.string(),
    sms: z.string(),
    deptName: z.string(),
    userUUID: z.string(),
    appId: z.string(),
    isAutoInvite: z.number().int(),
    isNotOverlayPidName: z.boolean(),
  },
);
/** An invitee in a detail answer. */
export type ParticipantInfo = z.infer<typeof participantInfoSchema>;

/** `PageParticipant`: a page of invitees. */
export const pageParticipantSchema = pageOf(participantInfoSchema);
/** A page of invitees. */
export type PageParticipant = z.infer<typeof pageParticipantSchema>;

/** Answer of the detail calls (M6, M7, M9): the meeting and a page of its invitees. */
export const conferenceDetailSchema = tolerantRecord(
  'ConferenceDetail',
  { conferenceData: conferenceInfoSchema },
  { data: pageParticipantSchema },
);
/** A meeting with a page of its invitees. */
export type ConferenceDetail = z.infer<typeof conferenceDetailSchema>;

/** A page of meetings (M4, M5, M8). */
export const conferencePageSchema = pageOf(conferenceInfoSchema);
/** A page of meetings. */
export type ConferencePage = z.infer<typeof conferencePageSchema>;

/** Answer of M10. */
export const startMeetingResponseSchema = tolerantRecord(
  'StartMeetingResponse',
  {},
  {
    /** Deprecated. */
    uuid: z.string(),
    regionIP: z.string(),
  },
);
/** Answer of an activation. */
export type StartMeetingResponse = z.infer<typeof startMeetingResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// Queries and headers
// ---------------------------------------------------------------------------------------------------------

const conferenceIdQuery = z.string().min(1);
const searchKeyQuery = lineText().min(1).max(128);
/** `type=1`: also end the meeting if it is running. */
const cancelTypeQuery = queryInt().pipe(flag());

/** Query naming one meeting by its `conferenceID` (not `vmrConferenceID`). */
export const conferenceIdQuerySchema = z.object({ conferenceID: conferenceIdQuery });
/** Query naming one meeting. */
export type ConferenceIdQuery = z.infer<typeof conferenceIdQuerySchema>;

/** Query of the cancel calls (M3, R3, R5). */
export const cancelMeetingQuerySchema = z.object({
  conferenceID: conferenceIdQuery,
  type: cancelTypeQuery.optional(),
});
/** Query of a cancel call. */
export type CancelMeetingQuery = z.infer<typeof cancelMeetingQuerySchema>;

/** Sort orders of the meeting lists (sic: `StartTIME`). */
export const meetingSortTypeSchema = z.enum(['ASC_StartTIME', 'DSC_StartTIME']);
/** Sort order of the scheduled/ongoing list. */
export type MeetingSortType = z.infer<typeof meetingSortTypeSchema>;

/** Query of M4 (scheduled and ongoing meetings). */
export const searchMeetingsQuerySchema = z.object({
  ...pagingQuery,
  /** Administrators: true lists every user's meetings. */
  queryAll: queryBool().optional(),
  searchKey: searchKeyQuery.optional(),
  queryConfMode: z.enum(['ADAY', 'AWEEK', 'AMONTH', 'ALL']).optional(),
  sortType: meetingSortTypeSchema.optional(),
  /** Administrators only: the meetings of that user (ignored for others). */
  userUUID: z.string().min(1).optional(),
});
/** Query of the scheduled/ongoing list. */
export type SearchMeetingsQuery = z.infer<typeof searchMeetingsQuerySchema>;

/** Query of M5 (online meetings). */
export const searchOnlineMeetingsQuerySchema = z.object({
  ...pagingQuery,
  queryAll: queryBool().optional(),
  searchKey: searchKeyQuery.optional(),
});
/** Query of the online list. */
export type SearchOnlineMeetingsQuery = z.infer<typeof searchOnlineMeetingsQuerySchema>;

/** Query of M6 and M7; `offset`/`limit` page the invitees. */
export const meetingDetailQuerySchema = z.object({
  conferenceID: conferenceIdQuery,
  ...pagingQuery,
  searchKey: searchKeyQuery.optional(),
});
/** Query of a meeting's details. */
export type MeetingDetailQuery = z.infer<typeof meetingDetailQuerySchema>;

/**
 * Headers of M6 and M7: `X-Type` `0` no split (default), `1` paged with people and terminals merged but told
 * apart, `2` queried separately, with `X-Query-Type` `0` people or `1` terminals.
 */
export const meetingDetailHeadersSchema = z.object({
  'X-Type': z.enum(['0', '1', '2']).optional(),
  'X-Query-Type': z.enum(['0', '1']).optional(),
});
/** Invitee-split headers of a detail query. */
export type MeetingDetailHeaders = z.infer<typeof meetingDetailHeadersSchema>;

/** Sort orders of the history list: the RecordTYPE ones put meetings with a recording first. */
export const historySortTypeSchema = z.enum([
  'ASC_StartTIME',
  'DSC_StartTIME',
  'ASC_RecordTYPE',
  'DSC_RecordTYPE',
]);
/** Sort order of the history list. */
export type HistorySortType = z.infer<typeof historySortTypeSchema>;

/** Query of M8 (history); `startDate` and `endDate` are epoch milliseconds. */
export const searchHisMeetingsQuerySchema = z.object({
  startDate: queryInt().pipe(z.number().int().nonnegative()),
  endDate: queryInt().pipe(z.number().int().nonnegative()),
  ...pagingQuery,
  searchKey: searchKeyQuery.optional(),
  queryAll: queryBool().optional(),
  sortType: historySortTypeSchema.optional(),
});
/** Query of the history list. */
export type SearchHisMeetingsQuery = z.infer<typeof searchHisMeetingsQuerySchema>;

/** Query of M9: the ended instance by `confUUID`. */
export const hisMeetingDetailQuerySchema = z.object({
  confUUID: z.string().min(1),
  ...pagingQuery,
  searchKey: searchKeyQuery.optional(),
});
/** Query of a history meeting's details. */
export type HisMeetingDetailQuery = z.infer<typeof hisMeetingDetailQuerySchema>;

/** Headers of M9: same meanings as M6, but declared as integers by the SDK. */
export const hisMeetingDetailHeadersSchema = z.object({
  'X-Type': queryInt()
    .pipe(z.union([z.literal(0), z.literal(1), z.literal(2)]))
    .optional(),
  'X-Query-Type': queryInt().pipe(flag()).optional(),
});
/** Invitee-split headers of a history detail query. */
export type HisMeetingDetailHeaders = z.infer<typeof hisMeetingDetailHeadersSchema>;

// ---------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------

/** M1: schedules a meeting, or starts one now when `startTime` is omitted or empty. */
export const createMeeting = defineOperation({
  name: 'createMeeting',
  area: 'meetings',
  method: 'POST',
  path: '/v1/mmc/management/conferences',
  auth: 'access',
  body: restScheduleConfSchema,
  response: conferenceInfoListSchema,
  idempotent: false,
});

/** M2: edits a scheduled meeting (`mediaTypes` still required). */
export const updateMeeting = defineOperation({
  name: 'updateMeeting',
  area: 'meetings',
  method: 'PUT',
  path: '/v1/mmc/management/conferences',
  auth: 'access',
  query: conferenceIdQuerySchema,
  body: restScheduleConfSchema,
  response: conferenceInfoListSchema,
  idempotent: true,
});

/** M3: cancels a scheduled meeting; `type=1` also ends it when running. */
export const cancelMeeting = defineOperation({
  name: 'cancelMeeting',
  area: 'meetings',
  method: 'DELETE',
  path: '/v1/mmc/management/conferences',
  auth: 'access',
  query: cancelMeetingQuerySchema,
  response: emptyResponse,
  idempotent: true,
});

/** M4: lists scheduled and ongoing meetings. */
export const searchMeetings = defineOperation({
  name: 'searchMeetings',
  area: 'meetings',
  method: 'GET',
  path: '/v1/mmc/management/conferences',
  auth: 'access',
  query: searchMeetingsQuerySchema,
  response: conferencePageSchema,
  idempotent: true,
});

/** M5: lists meetings in progress, with `onlineAttendeeAmount`. */
export const searchOnlineMeetings = defineOperation({
  name: 'searchOnlineMeetings',
  area: 'meetings',
  method: 'GET',
  path: '/v1/mmc/management/conferences/online',
  auth: 'access',
  query: searchOnlineMeetingsQuerySchema,
  response: conferencePageSchema,
  idempotent: true,
});

/** M6: details of a scheduled or ongoing meeting with a page of its invitees. */
export const showMeetingDetail = defineOperation({
  name: 'showMeetingDetail',
  area: 'meetings',
  method: 'GET',
  path: '/v1/mmc/management/conferences/confDetail',
  auth: 'access',
  query: meetingDetailQuerySchema,
  headers: meetingDetailHeadersSchema,
  response: conferenceDetailSchema,
  idempotent: true,
});

/** M7: details of a meeting in progress. */
export const showOnlineMeetingDetail = defineOperation({
  name: 'showOnlineMeetingDetail',
  area: 'meetings',
  method: 'GET',
  path: '/v1/mmc/management/conferences/online/confDetail',
  auth: 'access',
  query: meetingDetailQuerySchema,
  headers: meetingDetailHeadersSchema,
  response: conferenceDetailSchema,
  idempotent: true,
});

/** M8: lists ended meetings that started between `startDate` and `endDate`. */
export const searchHisMeetings = defineOperation({
  name: 'searchHisMeetings',
  area: 'meetings',
  method: 'GET',
  path: '/v1/mmc/management/conferences/history',
  auth: 'access',
  query: searchHisMeetingsQuerySchema,
  response: conferencePageSchema,
  idempotent: true,
});

/** M9: details of an ended meeting by `confUUID`. */
export const showHisMeetingDetail = defineOperation({
  name: 'showHisMeetingDetail',
  area: 'meetings',
  method: 'GET',
  path: '/v1/mmc/management/conferences/history/confDetail',
  auth: 'access',
  query: hisMeetingDetailQuerySchema,
  headers: hisMeetingDetailHeadersSchema,
  response: conferenceDetailSchema,
  idempotent: true,
});

/** R1: schedules a recurring series (`cycleParams` required). */
export const createRecurringMeeting = defineOperation({
  name: 'createRecurringMeeting',
  area: 'meetings',
  method: 'POST',
  path: '/v1/mmc/management/cycleconferences',
  auth: 'access',
  body: restScheduleConfSchema,
  response: conferenceInfoListSchema,
  idempotent: false,
});

/** R2: edits a recurring series. */
export const updateRecurringMeeting = defineOperation({
  name: 'updateRecurringMeeting',
  area: 'meetings',
  method: 'PUT',
  path: '/v1/mmc/management/cycleconferences',
  auth: 'access',
  query: conferenceIdQuerySchema,
  body: restScheduleConfSchema,
  response: conferenceInfoListSchema,
  idempotent: true,
});

/** R3: cancels a recurring series; `type=1` also ends it when running. */
export const cancelRecurringMeeting = defineOperation({
  name: 'cancelRecurringMeeting',
  area: 'meetings',
  method: 'DELETE',
  path: '/v1/mmc/management/cycleconferences',
  auth: 'access',
  query: cancelMeetingQuerySchema,
  response: emptyResponse,
  idempotent: true,
});

/** R4: edits one sub-meeting of a series. */
export const updateRecurringSubMeeting = defineOperation({
  name: 'updateRecurringSubMeeting',
  area: 'meetings',
  method: 'PUT',
  path: '/v1/mmc/management/conferences/cyclesubconf',
  auth: 'access',
  query: conferenceIdQuerySchema,
  body: restScheduleCycleConfSchema,
  response: emptyResponse,
  idempotent: true,
});

/** R5: cancels sub-meetings of a series: a DELETE with a JSON body. */
export const cancelRecurringSubMeeting = defineOperation({
  name: 'cancelRecurringSubMeeting',
  area: 'meetings',
  method: 'DELETE',
  path: '/v1/mmc/management/conferences/cyclesubconf',
  auth: 'access',
  query: cancelMeetingQuerySchema,
  body: cancelSubMeetingsBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/**
 * M10: activates a meeting with its host password (or the guest password when guests may start it).
 * UNVERIFIED: the published auth header; the SDK injects `X-Access-Token` on every call, so this sends it too.
 */
export const startMeeting = defineOperation({
  name: 'startMeeting',
  area: 'meetings',
  method: 'POST',
  path: '/v1/mmc/management/conferences/start',
  auth: 'access',
  body: startMeetingBodySchema,
  response: startMeetingResponseSchema,
  // Activating a running meeting again changes nothing.
  idempotent: true,
});

/** Every meeting-management operation (M1-M10 and R1-R5; M11 stop belongs to meeting control). */
export const meetingOperations = {
  createMeeting,
  updateMeeting,
  cancelMeeting,
  searchMeetings,
  searchOnlineMeetings,
  showMeetingDetail,
  showOnlineMeetingDetail,
  searchHisMeetings,
  showHisMeetingDetail,
  createRecurringMeeting,
  updateRecurringMeeting,
  cancelRecurringMeeting,
  updateRecurringSubMeeting,
  cancelRecurringSubMeeting,
  startMeeting,
} as const;
