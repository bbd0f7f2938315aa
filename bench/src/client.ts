import { createMeetingClient } from '@hwmeeting/client';
import { Pool } from 'undici';
import { compareLatency } from './compare.js';
import { startSimulatorProcess } from './simulatorProcess.js';

/**
 * C1: latency of a list call (`meetings.list`, M4, a full page of 20 meetings: the demo seed's and some scheduled
 * here) through the client, its answer validated by the tolerant response schemas, against the same call as a
 * raw undici request to the same simulator endpoint (with the same token, reading and parsing the JSON answer).
 */
export async function benchClient() {
  const sim = await startSimulatorProcess();
  const client = createMeetingClient({
    endpoint: sim.url,
    credentials: { appId: sim.appId, appKey: sim.appKey },
  });
  const pool = new Pool(sim.url, { connections: 32, keepAliveTimeout: 30_000 });
  try {
    const { count } = await client.meetings.list({ offset: 0, limit: 1, queryAll: true });
    for (let i = count; i < 20; i++) {
      await client.meetings.create({
        subject: `Bench meeting ${i + 1}`,
        startTime: `${new Date().getUTCFullYear() + 1}-03-${String(i + 1).padStart(2, '0')} 09:00`,
        length: 60,
        mediaTypes: 'HDVideo',
      });
    }
    const { accessToken } = await client.auth.token();
    const path = '/v1/mmc/management/conferences?offset=0&limit=20&queryAll=true';
    const raw = async () => {
      const response = await pool.request({
        method: 'GET',
        path,
        headers: { 'X-Access-Token': accessToken },
      });
      const page = JSON.parse(await response.body.text()) as { count: number };
      if (response.statusCode !== 200) throw new Error(`raw call answered ${response.statusCode}`);
      return page;
    };
    const viaClient = () => client.meetings.list({ offset: 0, limit: 20, queryAll: true });
    const [rawPage, clientPage] = await Promise.all([raw(), viaClient()]);
    if (rawPage.count !== clientPage.count) throw new Error('client bench: candidate and baseline disagree');
    const result = await compareLatency(raw, viaClient, { calls: 10_000, warmup: 3_000 });
    return {
      meetingsListed: clientPage.data.length,
      ...result,
      addedP50Us: Number((result.candidateP50Us - result.baselineP50Us).toFixed(1)),
    };
  } finally {
    await client.dispose();
    await pool.close();
    await sim.stop();
  }
}
