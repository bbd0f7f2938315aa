import { z } from 'zod';

/** Error body of every non-2xx answer (reference README: error body). */
export const errorBodySchema = z.looseObject({
  error_code: z.string().min(1),
  // Tolerant: an odd message or id must not hide the error code.
  error_msg: z.string().optional().catch(undefined),
  request_id: z.string().optional().catch(undefined),
});
/** Error body of every non-2xx answer. */
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** A 0/1 integer flag, kept distinct from booleans as on the wire. */
export const flag = () => z.union([z.literal(0), z.literal(1)]);

/** Query parameter holding an integer: typed for the client, parsed from its text by the server. */
export const queryInt = () =>
  z.preprocess((v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v), z.number().int());

/** Query parameter holding a boolean (`true`/`false`). */
export const queryBool = () =>
  z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** Largest page the meeting server answers (published-behaviour.md section 2). */
export const MAX_PAGE_SIZE = 500;

/**
 * `offset`/`limit` paging of list queries. A `limit` above {@link MAX_PAGE_SIZE} is clamped to it, as the server
 * does, rather than refused: the client then sends the value the server would use, and the page's `limit`
 * echoes what was sent. (The simulator validates with this schema, so it clamps the same way.)
 */
export const pagingQuery = {
  offset: queryInt().pipe(z.number().int().min(0)).optional(),
  limit: queryInt()
    .pipe(z.number().int().min(1))
    .transform((limit) => Math.min(limit, MAX_PAGE_SIZE))
    .optional(),
};

/** Meeting time string `yyyy-MM-dd HH:mm` (UTC in requests). */
export const meetingTime = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, { error: 'must be a time of the form yyyy-MM-dd HH:mm' });

/** An empty body: nothing, or anything the server may add that carries no meaning. */
export const emptyResponse = z.unknown();
