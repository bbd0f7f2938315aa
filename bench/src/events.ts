import { MeetingStateReducer, MemoryPubSub, meetingTopic, parseServerFrame } from '@hwmeeting/events';

const SUBSCRIBERS = 1000;
const PARTICIPANTS = 50;
const INCREMENTS = 20_000;

/** Push frames as the server sends them: one full participant list, then mute/hand increments. */
function frames(): string[] {
  const base = { confID: '900487914', msgID: 'a'.repeat(32), createTime: 1_700_000_000_000 };
  const person = (i: number) => ({
    pid: `pid-${i}`,
    mode: 0,
    pinfoMap: {
      NAME: `Person ${i}`,
      TEL: `+99111000${i}`,
      ROLE: i === 0 ? '1' : '0',
      STATE: '0',
      MUTE: '0',
      HAND: '0',
      VIDEO: '1',
      ADDTIME: '1700000000000',
    },
  });
  const out = [
    JSON.stringify({
      ...base,
      action: 'ParticipantsNotify',
      msgMode: 0,
      version: 1_700_000_000_000,
      data: Array.from({ length: PARTICIPANTS }, (_, i) => person(i)),
    }),
  ];
  for (let v = 1; v <= INCREMENTS; v++) {
    const key = v % 2 ? 'MUTE' : 'HAND';
    out.push(
      JSON.stringify({
        ...base,
        action: 'ParticipantsNotify',
        msgMode: 1,
        version: v,
        data: [{ pid: `pid-${v % PARTICIPANTS}`, mode: 0, pinfoMap: { [key]: String((v >> 1) % 2) } }],
      }),
    );
  }
  return out;
}

interface Topics {
  meeting: unknown;
}

/** Subscribes `count` consumers that drain their streams; resolves their counters. */
function drainers(pubsub: MemoryPubSub<Topics>, count: number) {
  const received = new Array<number>(count).fill(0);
  const subscriptions = Array.from({ length: count }, (_, i) => {
    const subscription = pubsub.subscribe(meetingTopic('900487914'), { bufferSize: 1024 });
    void (async () => {
      for await (const _event of subscription) received[i] = (received[i] ?? 0) + 1;
    })();
    return subscription;
  });
  return { received, subscriptions };
}

async function run(
  texts: string[],
  pipeline: 'full' | 'transport',
): Promise<{ framesPerSec: number; delivered: number }> {
  const pubsub = new MemoryPubSub<Topics>();
  const { received, subscriptions } = drainers(pubsub, SUBSCRIBERS);
  const reducer = new MeetingStateReducer('900487914');
  const started = performance.now();
  for (const text of texts) {
    if (pipeline === 'full') {
      const parsed = parseServerFrame(text);
      if (!parsed.ok || parsed.frame.kind !== 'message') throw new Error('bench frame refused');
      const result = reducer.apply(parsed.frame.message);
      if (result.kind === 'applied' && result.changes.length > 0) {
        await pubsub.publish(meetingTopic('900487914'), { type: 'changes', changes: result.changes });
      }
    } else {
      await pubsub.publish(meetingTopic('900487914'), JSON.parse(text));
    }
    // Let the consumers drain, as they would between socket reads.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const subscription of subscriptions) subscription.unsubscribe();
  await pubsub.close();
  return { framesPerSec: texts.length / seconds, delivered: received.reduce((a, b) => a + b, 0) };
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * E1: push frames per second through schema, reducer and pub/sub to 1,000 in-process subscribers, against the
 * same frames only JSON-parsed and published (the transport alone), and the memory one subscriber costs.
 */
export async function benchEvents() {
  const texts = frames();
  // Warm both paths.
  await run(texts.slice(0, 2000), 'transport');
  await run(texts.slice(0, 2000), 'full');
  const transport = await run(texts, 'transport');
  const full = await run(texts, 'full');
  if (full.delivered < SUBSCRIBERS * INCREMENTS * 0.99)
    throw new Error(`events bench: only ${full.delivered} deliveries`);

  const pubsub = new MemoryPubSub<Topics>();
  const before = heapUsed();
  const { subscriptions } = drainers(pubsub, 10_000);
  await new Promise<void>((resolve) => setImmediate(resolve));
  const after = heapUsed();
  for (const subscription of subscriptions) subscription.unsubscribe();
  await pubsub.close();

  return {
    subscribers: SUBSCRIBERS,
    frames: texts.length,
    framesPerSec: Math.round(full.framesPerSec),
    deliveriesPerSec: Math.round(full.framesPerSec * SUBSCRIBERS),
    transportOnlyFramesPerSec: Math.round(transport.framesPerSec),
    ratio: Number((full.framesPerSec / transport.framesPerSec).toFixed(3)),
    bytesPerSubscriber: Math.round((after - before) / 10_000),
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
}
