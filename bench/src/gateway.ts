import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { createMeetingClient, type MeetingClient } from '@hwmeeting/client';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { compareLatencies } from './compare.js';
import { startGatewayProcess } from './gatewayProcess.js';
import { startPeerProcess } from './peers/peerProcess.js';
import { startSimulatorProcess } from './simulatorProcess.js';

/** The servers P1 weighs, each in its own process, all on the same simulator with the same identity. */
const TARGETS = ['rest', 'apollo', 'mesh', 'gateway'] as const;
type TargetName = (typeof TARGETS)[number];

/** The page sizes measured: the per-item cost is the difference between them. */
const SIZES = [1, 20] as const;
type PageSize = (typeof SIZES)[number];

/** What a meetings list of a front end selects: the same fields through the gateway and the Apollo proxy. */
const SELECTION =
  'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id subject state kind startTime endTime media owner { id name } viewerRole viewerIsOwner } }';
const graphqlQuery = (size: number) => `{ meetings(first: ${size}) { ${SELECTION} } }`;
/** The same through Mesh: the upstream's own fields behind the gateway's (its schema is the OpenAPI document's). */
const meshQuery = (size: number) =>
  `{ searchMeetings(offset: 0, limit: ${size}) { count data { conferenceID subject conferenceState confType startTime endTime mediaTypes userUUID scheduserName role passwordEntry { conferenceRole } } } }`;
const REST_PATH = '/v1/mmc/management/conferences';

const ROUNDS = Number(process.env.P1_ROUNDS ?? 4);
const SECONDS = Number(process.env.P1_SECONDS ?? 3);

/** One HTTP request of a target, as autocannon and the latency pools send it. */
interface TargetRequest {
  origin: string;
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

interface Target {
  request(size: PageSize): TargetRequest;
  /** The CPU time its own process has used so far (the simulator's for `rest`). */
  cpuMicros(): Promise<number>;
}

/** One load run: requests per second, autocannon's latency (whole ms), CPU per request of the server. */
interface LoadFigure {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerRequest: number;
  load1: number;
}

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Schedules meetings for the bench's user until its list holds `count` (the demo seed gives it one). */
async function fillPage(client: MeetingClient, count: number): Promise<void> {
  const { count: have } = await client.meetings.list({ offset: 0, limit: 1 });
  const start = Date.UTC(new Date().getUTCFullYear() + 1, 0, 5, 8, 0);
  for (let i = have; i < count; i++) {
    const at = new Date(start + i * 86_400_000 + (i % 8) * 3_600_000);
    await client.meetings.create({
      subject: `Bench meeting ${i + 1}: planning and review`,
      startTime: at.toISOString().slice(0, 16).replace('T', ' '),
      length: 30 + (i % 4) * 15,
      mediaTypes: i % 3 === 0 ? 'Voice' : 'HDVideo',
      // Some with invitees, as real lists have: their records carry attendees too.
      ...(i % 2 === 0
        ? {
            attendees: [
              { name: 'Alice Example', phone: '+8613800000001', type: 'normal' as const },
              { name: 'Bob Example', phone: '+8613800000002', type: 'normal' as const },
            ],
          }
        : {}),
    });
  }
}

/** Sends one request through `pool` and returns the answer's text, after checking it is a 200 without errors. */
async function call(pool: Pool, request: TargetRequest): Promise<string> {
  const answer = await pool.request({
    method: request.method,
    path: request.path,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const text = await answer.body.text();
  if (answer.statusCode !== 200 || (JSON.parse(text) as { errors?: unknown }).errors)
    throw new Error(
      `P1: ${request.origin}${request.path} answered ${answer.statusCode}: ${text.slice(0, 500)}`,
    );
  return text;
}

/**
 * P1 (rounds and seconds per run: P1_ROUNDS, default 4, and P1_SECONDS, default 3): `meetings(first: 20)` and `meetings(first: 1)` on a list of 20 meetings, through the gateway and through
 * its peers: the REST call straight to the simulator, a hand-written Apollo Server 5 proxy and GraphQL Mesh /
 * Hive Gateway over an OpenAPI document of the same call. Each server runs in its own process; every round
 * measures all of them at both sizes in turn (autocannon, 10 connections, the order rotated), and each server
 * reports its own CPU time, so that the CPU per request and per item are figures of their own. Latency without
 * queueing is measured call by call on one connection each, alternating.
 */
export async function benchGatewayQuery() {
  const sim = await startSimulatorProcess();
  const client = createMeetingClient({
    endpoint: sim.url,
    credentials: { appId: sim.appId, appKey: sim.appKey },
  });
  const stops: Array<() => Promise<void>> = [];
  try {
    await fillPage(client, 20);
    // The same identity everywhere: the viewer `admin` acts upstream as the enterprise administrator, whose
    // token the peers hold (cached, as the gateway caches its own).
    const { accessToken, user } = await client.auth.token();
    const upstream = { UPSTREAM_URL: sim.url, UPSTREAM_TOKEN: accessToken };
    const gateway = await startGatewayProcess(
      sim,
      {},
      (process.env.GATEWAY_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
    );
    stops.push(() => gateway.stop());
    const apollo = await startPeerProcess('apolloProxy', {
      ...upstream,
      UPSTREAM_USER_ID: user?.userId ?? '',
    });
    stops.push(() => apollo.stop());
    const mesh = await startPeerProcess('meshGateway', upstream);
    stops.push(() => mesh.stop());
    const bearer = await gateway.token('admin', ['admin']);

    const graphql = (url: string, body: string, headers: Record<string, string> = {}): TargetRequest => ({
      origin: new URL(url).origin,
      path: new URL(url).pathname,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });
    const targets: Record<TargetName, Target> = {
      rest: {
        request: (size) => ({
          origin: sim.url,
          path: `${REST_PATH}?offset=0&limit=${size}`,
          method: 'GET',
          headers: { 'X-Access-Token': accessToken },
        }),
        cpuMicros: () => sim.cpuMicros(),
      },
      apollo: {
        request: (size) => graphql(apollo.url, JSON.stringify({ query: graphqlQuery(size) })),
        cpuMicros: () => apollo.cpuMicros(),
      },
      mesh: {
        request: (size) => graphql(mesh.url, JSON.stringify({ query: meshQuery(size) })),
        cpuMicros: () => mesh.cpuMicros(),
      },
      gateway: {
        request: (size) =>
          graphql(gateway.url, JSON.stringify({ query: graphqlQuery(size) }), {
            Authorization: `Bearer ${bearer}`,
          }),
        cpuMicros: () => gateway.cpuMicros(),
      },
    };

    // Honest peers: the same page everywhere, and the Apollo proxy's answer equal to the gateway's.
    const pools = Object.fromEntries(
      TARGETS.map((name) => [name, new Pool(targets[name].request(1).origin, { connections: 1 })]),
    ) as Record<TargetName, Pool>;
    stops.push(async () => {
      await Promise.all(Object.values(pools).map((pool) => pool.close()));
    });
    // Under load every answer must be the one checked here, byte for byte (autocannon counts mismatches).
    const expectedBodies = {} as Record<TargetName, Record<PageSize, string>>;
    for (const name of TARGETS) expectedBodies[name] = {} as Record<PageSize, string>;
    for (const size of SIZES) {
      const answers = {} as Record<TargetName, unknown>;
      for (const name of TARGETS) {
        const text = await call(pools[name], targets[name].request(size));
        expectedBodies[name][size] = text;
        answers[name] = JSON.parse(text);
      }
      const rest = answers.rest as { count: number; data: { conferenceID: string }[] };
      const viaMesh = (answers.mesh as { data: { searchMeetings: typeof rest } }).data.searchMeetings;
      const viaGateway = answers.gateway as {
        data: { meetings: { totalCount: number; edges: { node: { id: string } }[] } };
      };
      const ids = rest.data.map((record) => record.conferenceID);
      if (ids.length !== size || rest.count < 20)
        throw new Error(`P1: the page holds ${ids.length} meetings`);
      if (
        !isDeepStrictEqual(
          viaGateway.data.meetings.edges.map((edge) => edge.node.id),
          ids,
        )
      )
        throw new Error('P1: the gateway lists other meetings than the REST call');
      if (
        !isDeepStrictEqual(
          viaMesh.data.map((record) => record.conferenceID),
          ids,
        )
      )
        throw new Error('P1: Mesh lists other meetings than the REST call');
      if (!isDeepStrictEqual(answers.apollo, answers.gateway))
        throw new Error(
          `P1: the Apollo proxy answers otherwise than the gateway:\n${JSON.stringify(answers.apollo)}\n${JSON.stringify(answers.gateway)}`,
        );
    }

    const runOnce = async (name: TargetName, size: PageSize, seconds: number): Promise<LoadFigure> => {
      const request = targets[name].request(size);
      const before = await targets[name].cpuMicros();
      const result = await load({
        url: `${request.origin}${request.path}`,
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        connections: 10,
        duration: seconds,
        expectBody: expectedBodies[name][size],
      });
      const after = await targets[name].cpuMicros();
      if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.mismatches > 0)
        throw new Error(
          `P1 ${name}/${size}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.mismatches} other answers`,
        );
      return {
        rps: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        cpuUsPerRequest: (after - before) / Math.max(1, result.requests.total),
        load1: loadavg()[0] ?? 0,
      };
    };

    // Warm every server at both sizes (until V8 has optimised their hot paths: the first seconds of a cold
    // server run at a fraction of its speed), then the rounds: each target and size once a round, order rotated.
    for (const size of SIZES) for (const name of TARGETS) await runOnce(name, size, 3);
    const runs = {} as Record<TargetName, Record<PageSize, LoadFigure[]>>;
    for (const name of TARGETS) runs[name] = { 1: [], 20: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const size of SIZES) {
        for (let i = 0; i < TARGETS.length; i++) {
          const name = TARGETS[(i + r) % TARGETS.length] as TargetName;
          runs[name][size].push(await runOnce(name, size, SECONDS));
        }
      }
    }

    // Latency without queueing: one connection each, call by call, all four in turn.
    const latency = {} as Record<PageSize, Awaited<ReturnType<typeof compareLatencies<TargetName>>>>;
    for (const size of SIZES) {
      const functions = Object.fromEntries(
        TARGETS.map((name) => [name, () => call(pools[name], targets[name].request(size))]),
      ) as Record<TargetName, () => Promise<unknown>>;
      latency[size] = await compareLatencies(functions, { calls: 1500, warmup: 300 });
    }

    const figures = {} as Record<
      PageSize,
      Record<TargetName, { rps: number; p50Ms: number; p99Ms: number; cpuUsPerRequest: number }>
    >;
    for (const size of SIZES) {
      figures[size] = {} as (typeof figures)[PageSize];
      for (const name of TARGETS) {
        const list = runs[name][size];
        figures[size][name] = {
          rps: Math.round(median(list.map((f) => f.rps))),
          p50Ms: median(list.map((f) => f.p50Ms)),
          p99Ms: median(list.map((f) => f.p99Ms)),
          cpuUsPerRequest: round(median(list.map((f) => f.cpuUsPerRequest))),
        };
      }
    }
    const perItemCpuUs = Object.fromEntries(
      TARGETS.map((name) => [
        name,
        round((figures[20][name].cpuUsPerRequest - figures[1][name].cpuUsPerRequest) / 19, 2),
      ]),
    ) as Record<TargetName, number>;
    // Each round's servers ran one after the other: a round's ratio compares them under the same load, and the
    // median of the rounds' ratios leaves out a round another process disturbed.
    const ratioOf = (size: PageSize, peer: TargetName) =>
      round(
        median(runs.gateway[size].map((figure, r) => figure.rps / (runs[peer][size][r]?.rps ?? Number.NaN))),
        3,
      );
    const ratios = (size: PageSize) => ({
      gatewayVsApollo: ratioOf(size, 'apollo'),
      gatewayVsMesh: ratioOf(size, 'mesh'),
      gatewayVsRest: ratioOf(size, 'rest'),
    });
    const added = (size: PageSize) => ({
      gatewayAddedP50Ms: round((latency[size].gateway.p50Us - latency[size].rest.p50Us) / 1000, 3),
      gatewayAddedP99Ms: round((latency[size].gateway.p99Us - latency[size].rest.p99Us) / 1000, 3),
      apolloAddedP50Ms: round((latency[size].apollo.p50Us - latency[size].rest.p50Us) / 1000, 3),
      meshAddedP50Ms: round((latency[size].mesh.p50Us - latency[size].rest.p50Us) / 1000, 3),
    });
    return {
      load1: Object.fromEntries(
        SIZES.map((size) => [
          size,
          Object.fromEntries(TARGETS.map((name) => [name, runs[name][size].map((f) => round(f.load1, 2))])),
        ]),
      ),
      roundsRps: Object.fromEntries(
        SIZES.map((size) => [
          size,
          Object.fromEntries(TARGETS.map((name) => [name, runs[name][size].map((f) => Math.round(f.rps))])),
        ]),
      ),
      page20: { ...figures[20], ratios: ratios(20), latencyUs: latency[20], ...added(20) },
      page1: { ...figures[1], ratios: ratios(1), latencyUs: latency[1], ...added(1) },
      perItemCpuUs,
    };
  } finally {
    for (const stop of stops.reverse()) await stop();
    await client.dispose();
    await sim.stop();
  }
}
