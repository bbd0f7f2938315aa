import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  printGatewaySchema,
  readSchemaFile,
  SCHEMA_WRITE_COMMAND,
  schemaChanges,
  schemaDrift,
  writeSchemaFile,
} from './schemaFile.js';

const before = `type Query {
  meeting(id: ID!): Meeting
}

type Meeting {
  id: ID!
  subject: String
  state: State
}

enum State {
  SCHEDULED
  RUNNING
}
`;

describe('the committed schema.graphql', () => {
  it('is the schema the code builds', async () => {
    const drift = await schemaDrift(readSchemaFile(), printGatewaySchema());
    // On drift the message lists every change with its criticality, the BREAKING ones first.
    expect(drift, drift).toBeUndefined();
  });
});

describe('schema changes', () => {
  it('classifies removals and narrowings as BREAKING and additions as NON_BREAKING, breaking first', async () => {
    const after = before
      .replace('  subject: String\n', '')
      .replace('  RUNNING\n', '  RUNNING\n  ENDED\n')
      .replace('meeting(id: ID!): Meeting', 'meeting(id: ID!): Meeting\n  meetings: [Meeting!]!');
    const changes = await schemaChanges(before, after);
    expect(changes.map((change) => [change.level, change.path])).toEqual([
      ['BREAKING', 'Meeting.subject'],
      ['DANGEROUS', 'State.ENDED'],
      ['NON_BREAKING', 'Query.meetings'],
    ]);
  });

  it('reports drift with the regeneration command and each change with its criticality', async () => {
    const after = before.replace('  state: State\n', '');
    const drift = await schemaDrift(before, after);
    expect(drift).toContain(SCHEMA_WRITE_COMMAND);
    expect(drift).toContain('1 change(s) from the committed version, 1 BREAKING');
    expect(drift).toMatch(/^!! BREAKING: Field 'state' .*removed.*Meeting/m);
    expect(await schemaDrift(undefined, after)).toContain('missing');
    expect(await schemaDrift(after, after)).toBeUndefined();
  });

  it('says when only the text differs', async () => {
    const drift = await schemaDrift(before, `${before}\n`);
    expect(drift).toContain('no change to the API');
  });
});

describe('writeSchemaFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the code schema and answers the changes against the file it replaces', async () => {
    const file = join(dir, 'schema.graphql');
    expect(await writeSchemaFile(file)).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(printGatewaySchema());
    expect(await writeSchemaFile(file)).toEqual([]);
    const extra = `${printGatewaySchema()}\ntype Retired {\n  id: ID!\n}\n`;
    writeFileSync(file, extra);
    expect(await writeSchemaFile(file)).toEqual([
      { level: 'BREAKING', message: "Type 'Retired' was removed", path: 'Retired' },
    ]);
  });
});
