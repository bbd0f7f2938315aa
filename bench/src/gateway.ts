import { createMeetingClient } from '@hwmeeting/client';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { compareLatency } from './compare.js';
import { startGatewayProcess } from './gatewayProcess.js';
import { startSimulatorProcess } from './simulatorProcess.js';

const QUERY =
  '{ meetings(first: 20) { totalCount edges { cursor node { id subject state startTime endTime } } } }';

function load(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * P1: `meetings(first: 20)` through the gateway against the same REST call straight to the simulator, alternating
 * runs: added p50/p99 latency with one connection (no queueing) and the throughput ratio with ten.
 */
export async function benchGatewayQuery() {
  const sim = await startSimulatorProcess();
  const gateway = await startGatewayProcess(sim);
  const client = createMeetingClient({
    endpoint: sim.url,
    credentials: { appId: sim.appId, appKey: sim.appKey },
  });
  try {
    // The same identity both ways: the viewer `admin` acts upstream as the enterprise administrator.
    const { accessToken } = await client.auth.token();
    const bearer = await gateway.token('admin', ['admin']);
    const rest = {
      url: `${sim.url}/v1/mmc/management/conferences?offset=0&limit=20`,
      headers: { 'X-Access-Token': accessToken },
      connections: 10,
      duration: 4,
    };
    const graphql = {
      url: gateway.url,
      method: 'POST' as const,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query: QUERY }),
      connections: 10,
      duration: 4,
    };
    await load({ ...rest, duration: 2 });
    await load({ ...graphql, duration: 2 });
    // Throughput under load: ten connections, alternating runs, twice each.
    const runs = { rest: [] as autocannon.Result[], graphql: [] as autocannon.Result[] };
    for (let round = 0; round < 2; round++) {
      runs.rest.push(await load(rest));
      runs.graphql.push(await load(graphql));
    }
    for (const result of [...runs.rest, ...runs.graphql]) {
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`P1: ${result.non2xx} non-2xx, ${result.errors} errors`);
    }
    const mean = (results: autocannon.Result[], pick: (r: autocannon.Result) => number) =>
      results.reduce((sum, r) => sum + pick(r), 0) / results.length;
    const rps = (r: autocannon.Result) => r.requests.average;
    // Latency without queueing: one caller, call by call, alternating (autocannon only resolves whole ms).
    const simPool = new Pool(sim.url, { connections: 1 });
    const gatewayPool = new Pool(new URL(gateway.url).origin, { connections: 1 });
    const restPath = new URL(rest.url);
    const viaRest = async () => {
      const answer = await simPool.request({
        method: 'GET',
        path: `${restPath.pathname}${restPath.search}`,
        headers: rest.headers,
      });
      await answer.body.json();
      if (answer.statusCode !== 200) throw new Error(`P1 REST answered ${answer.statusCode}`);
    };
    const viaGateway = async () => {
      const answer = await gatewayPool.request({
        method: 'POST',
        path: new URL(gateway.url).pathname,
        headers: graphql.headers,
        body: graphql.body,
      });
      const body = (await answer.body.json()) as { errors?: unknown };
      if (answer.statusCode !== 200 || body.errors)
        throw new Error(`P1 gateway answered ${answer.statusCode}`);
    };
    const latency = await compareLatency(viaRest, viaGateway, { calls: 3000, warmup: 1000 });
    await simPool.close();
    await gatewayPool.close();
    return {
      restP50Ms: Number((latency.baselineP50Us / 1000).toFixed(3)),
      gatewayP50Ms: Number((latency.candidateP50Us / 1000).toFixed(3)),
      addedP50Ms: Number(((latency.candidateP50Us - latency.baselineP50Us) / 1000).toFixed(3)),
      addedP99Ms: Number(((latency.candidateP99Us - latency.baselineP99Us) / 1000).toFixed(3)),
      restRps: Math.round(mean(runs.rest, rps)),
      gatewayRps: Math.round(mean(runs.graphql, rps)),
      throughputRatio: Number((mean(runs.graphql, rps) / mean(runs.rest, rps)).toFixed(3)),
    };
  } finally {
    await client.dispose();
    await gateway.stop();
    await sim.stop();
  }
}
