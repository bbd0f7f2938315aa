import type { SpeakerChangeNotify } from '../../frames/speakerChange.js';

/** One of the loudest speakers (B.5.5). */
export type SpeakerView = Readonly<{
  participantId: string;
  name: string | undefined;
  speakingVolume: number;
}>;

/** The speakers of a SpeakerChangeNotify, loudest as sent. */
export function speakerViews(data: SpeakerChangeNotify['data']): readonly SpeakerView[] {
  return Object.freeze(
    data.map((s) => Object.freeze({ participantId: s.pid, name: s.name, speakingVolume: s.speakingVolume })),
  );
}
