import { z } from 'zod';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { endMeeting, requireMeeting } from '../state/lifecycle.js';
import type { SimRoute } from './testControl.js';

const endSchema = z.object({ hasRecordFile: z.boolean().optional() }).optional();

/** Test-control route `POST /__sim/meetings/{id}/end {hasRecordFile?}`: ends a running meeting into history. */
export const meetingSimRoutes: SimRoute[] = [
  {
    method: 'POST',
    pattern: /^\/meetings\/(?<conferenceID>\d+)\/end$/,
    body: endSchema,
    handle: ({ store, params, body }) => {
      const meeting = requireMeeting(store, params.conferenceID ?? '');
      if (meeting.state !== 'Created') {
        throw new SimHttpError(400, SimErrorCode.MMC_NOT_STARTED, 'meeting not started or already ended');
      }
      const run = endMeeting(store, meeting, body as z.infer<typeof endSchema>);
      return { conferenceID: meeting.conferenceID, confUUID: run?.confUUID ?? meeting.confUUID };
    },
  },
];
