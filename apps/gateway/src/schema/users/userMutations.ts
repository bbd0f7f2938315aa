import type { AddUserBody, InviteUserBody, ModUserBody } from '@hwmeeting/client';
import { lineText, meetingAccountSchema, multiLineText, userPhoneSchema } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { parseInput } from '../../errors.js';
import { departmentCodeSchema } from './departments.js';
import { userKey } from './user.js';

/** Administering users (U4-U7): create, edit, delete, enable or disable, invite. */
export const userMutationTypeDefs = /* GraphQL */ `
  "What the invitation found."
  type InviteUserResult {
    "The contact already had an account (they confirm by SMS or email); false: an account was created or offered; null: the meeting server's answer does not say."
    alreadyRegistered: Boolean
  }

  "A user to create (administrators). Give an email, a phone with its country, or both."
  input CreateUserInput {
    "Display name, 1 to 64 characters."
    name: String!
    "English name."
    englishName: String
    "Meeting account (letters, digits, _ - . @; not digits only); generated when omitted."
    account: String
    "Third-party user ID (App ID integrations), unique in the enterprise."
    thirdPartyId: String
    "Mobile number: + then the country code and digits, e.g. +8613800000001."
    phone: String
    "Country key of the phone, e.g. chinaPR; required with phone."
    country: String
    "Email address."
    email: String
    "Initial password, 8 to 32 characters with at least two character classes; generated when omitted."
    initialPassword: String
    "Department code; the root department when omitted."
    departmentCode: String
    "Job title, at most 32 characters."
    title: String
    "Personal signature, at most 512 characters."
    signature: String
    "Free-text remark, at most 128 characters."
    description: String
    "Create the user enabled (default) or disabled."
    enabled: Boolean = true
    "Directory order, 1 to 10000 (default 10000)."
    sortLevel: Int
    "Hide the phone number from other members."
    hidePhone: Boolean
    "Send the account-opening email or SMS (default)."
    sendNotification: Boolean = true
  }

  "Changes to a user (administrators); absent fields keep their value."
  input UpdateUserInput {
    "New display name."
    name: String
    "New English name."
    englishName: String
    "New mobile number (+country code and digits); needs a country on the user."
    phone: String
    "Country key of the phone, e.g. chinaPR."
    country: String
    "New email address."
    email: String
    "New personal meeting ID (digits)."
    personalMeetingId: String
    "Moves the user to another department."
    departmentCode: String
    "New job title."
    title: String
    "New signature."
    signature: String
    "New remark."
    description: String
    "New directory order, 1 to 10000."
    sortLevel: Int
    "Hide or show the phone number to other members."
    hidePhone: Boolean
  }

  "A person to invite into the enterprise by phone or email (administrators)."
  input InviteUserInput {
    "Display name, 1 to 64 characters."
    name: String!
    "Email address, or mobile number as + then country code and digits (international sites: email only)."
    contact: String!
    "Department code; the root department when omitted."
    departmentCode: String
    "Country key of a phone contact (default chinaPR)."
    country: String
    "Job title, at most 32 characters."
    title: String
    "Free-text remark, at most 128 characters."
    description: String
    "Directory order, 1 to 10000."
    sortLevel: Int
  }

  extend type Mutation {
    "Creates an enterprise user (administrators)."
    createUser("The user to create." input: CreateUserInput!): User!
    "Changes an enterprise user (administrators)."
    updateUser(
      "The user's third-party ID or Meeting account, as by says."
      id: ID!
      "How id names the user."
      by: UserKey = THIRD_ACCOUNT
      "The changes."
      input: UpdateUserInput!
    ): User!
    "Deletes users (administrators); their sessions end. All or none: one unknown user refuses the whole batch (NOT_FOUND) and nobody is deleted."
    deleteUsers(
      "The users (at most 100), as by says."
      ids: [ID!]!
      "How ids name the users."
      by: UserKey = THIRD_ACCOUNT
    ): Boolean!
    "Enables or disables users (administrators); disabled users cannot log in. One unknown user refuses all."
    setUsersEnabled(
      "The users (at most 100), as by says."
      ids: [ID!]!
      "True enables, false disables."
      enabled: Boolean!
      "How ids name the users."
      by: UserKey = THIRD_ACCOUNT
    ): Boolean!
    "Invites a person by phone or email (administrators)."
    inviteUser("Who to invite." input: InviteUserInput!): InviteUserResult!
  }
`;

const textSchema = (max: number) => lineText().trim().max(max);
/** Remarks and signatures, which the meeting server shows on several lines. */
const multiLineSchema = (max: number) => multiLineText().trim().max(max);
const nameSchema = lineText().trim().min(1).max(64);
const userRefSchema = lineText().trim().min(1).max(255);
const keySchema = userKey.schema().default(userKey.of('THIRD_ACCOUNT'));
const refsSchema = z.array(userRefSchema).min(1).max(100);
const countrySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,32}$/, { error: 'must be a country key such as chinaPR' });
const emailSchema = z.email().max(255);
const sortLevelSchema = z.number().int().min(1).max(10_000);

const createSchema = z
  .object({
    name: nameSchema,
    englishName: textSchema(64).nullish(),
    account: meetingAccountSchema.nullish(),
    thirdPartyId: userRefSchema.nullish(),
    phone: userPhoneSchema.nullish(),
    country: countrySchema.nullish(),
    email: emailSchema.nullish(),
    initialPassword: lineText().min(8).max(32).nullish(),
    departmentCode: departmentCodeSchema.nullish(),
    title: textSchema(32).nullish(),
    signature: multiLineSchema(512).nullish(),
    description: multiLineSchema(128).nullish(),
    enabled: z.boolean().default(true),
    sortLevel: sortLevelSchema.nullish(),
    hidePhone: z.boolean().nullish(),
    sendNotification: z.boolean().default(true),
  })
  .superRefine((input, context) => {
    if (input.phone && !input.country)
      context.addIssue({ code: 'custom', path: ['country'], message: 'is required with phone' });
    if (!input.phone && !input.email)
      context.addIssue({ code: 'custom', path: ['email'], message: 'give an email or a phone' });
  });

const updateSchema = z
  .object({
    name: nameSchema.nullish(),
    englishName: textSchema(64).nullish(),
    phone: userPhoneSchema.nullish(),
    country: countrySchema.nullish(),
    email: emailSchema.nullish(),
    personalMeetingId: z
      .string()
      .regex(/^\d{1,32}$/, { error: 'must be digits' })
      .nullish(),
    departmentCode: departmentCodeSchema.nullish(),
    title: textSchema(32).nullish(),
    signature: multiLineSchema(512).nullish(),
    description: multiLineSchema(128).nullish(),
    sortLevel: sortLevelSchema.nullish(),
    hidePhone: z.boolean().nullish(),
  })
  .refine((input) => Object.values(input).some((value) => value != null), {
    error: 'give at least one change',
  });

const inviteSchema = z.object({
  name: nameSchema,
  contact: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((v) => emailSchema.safeParse(v).success || userPhoneSchema.safeParse(v).success, {
      error: 'must be an email address or + then the country code and digits',
    }),
  departmentCode: departmentCodeSchema.nullish(),
  country: countrySchema.nullish(),
  title: textSchema(32).nullish(),
  description: multiLineSchema(128).nullish(),
  sortLevel: sortLevelSchema.nullish(),
});

/** Copies the set (non-null) values of `source` to `target` under the upstream's names. */
function assignSet<T extends object>(target: T, entries: [keyof T, unknown][]): T {
  for (const [key, value] of entries) if (value != null) (target as Record<keyof T, unknown>)[key] = value;
  return target;
}

/** The fields a user's create and update inputs share, under the upstream's names, with the input's values. */
function profileEntries(
  input: Pick<
    z.infer<typeof updateSchema>,
    | 'englishName'
    | 'phone'
    | 'country'
    | 'email'
    | 'departmentCode'
    | 'title'
    | 'signature'
    | 'description'
    | 'sortLevel'
    | 'hidePhone'
  >,
): [keyof AddUserBody & keyof ModUserBody, unknown][] {
  return [
    ['englishName', input.englishName],
    ['phone', input.phone],
    ['country', input.country],
    ['email', input.email],
    ['deptCode', input.departmentCode],
    ['title', input.title],
    ['signature', input.signature],
    ['desc', input.description],
    ['sortLevel', input.sortLevel],
    ['hidePhone', input.hidePhone],
  ];
}

/** Builds the user mutations' resolvers. */
export function userMutationResolvers() {
  return {
    Mutation: {
      async createUser(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const input = parseInput(createSchema, args.input, 'input');
        const body = assignSet<AddUserBody>({ name: input.name }, [
          ['account', input.account],
          ['thirdAccount', input.thirdPartyId],
          ['pwd', input.initialPassword],
          ...profileEntries(input),
          ['status', input.enabled ? 0 : 1],
          ['sendNotify', input.sendNotification ? undefined : '0'],
        ]);
        return context.client.users.add(body, context.identity);
      },
      async updateUser(
        _: unknown,
        args: { id: string; by?: string; input: unknown },
        context: GatewayContext,
      ) {
        const id = parseInput(userRefSchema, args.id, 'id');
        const by = parseInput(keySchema, args.by ?? undefined, 'by');
        const input = parseInput(updateSchema, args.input, 'input');
        const changes = assignSet<ModUserBody>({}, [
          ['name', input.name],
          ['vmrId', input.personalMeetingId],
          ...profileEntries(input),
        ]);
        return context.client.users.update(id, changes, { by }, context.identity);
      },
      async deleteUsers(_: unknown, args: { ids: string[]; by?: string }, context: GatewayContext) {
        const ids = parseInput(refsSchema, args.ids, 'ids');
        const by = parseInput(keySchema, args.by ?? undefined, 'by');
        await context.client.users.delete(ids, { by }, context.identity);
        return true;
      },
      async setUsersEnabled(
        _: unknown,
        args: { ids: string[]; enabled: boolean; by?: string },
        context: GatewayContext,
      ) {
        const ids = parseInput(refsSchema, args.ids, 'ids');
        const by = parseInput(keySchema, args.by ?? undefined, 'by');
        await context.client.users.setStatus(
          ids,
          args.enabled ? 'enabled' : 'disabled',
          { by },
          context.identity,
        );
        return true;
      },
      async inviteUser(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const input = parseInput(inviteSchema, args.input, 'input');
        const body = assignSet<InviteUserBody>({ name: input.name, contact: input.contact }, [
          ['deptCode', input.departmentCode],
          ['country', input.country],
          ['title', input.title],
          ['desc', input.description],
          ['sortLevel', input.sortLevel],
        ]);
        const answer = await context.client.users.invite(body, context.identity);
        return { alreadyRegistered: answer.userExist ?? null };
      },
    },
  };
}
