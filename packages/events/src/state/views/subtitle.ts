import type { RealTimeSubtitleNotify } from '../../frames/realTimeSubtitle.js';
import { deepFreeze } from './frozen.js';

/** One caption (B.5.8). */
export type SubtitleView = Readonly<{
  participantId: string | undefined;
  /** A sentence ends here. */
  isFinal: boolean;
  timestamp: number | undefined;
  beginTime: number | undefined;
  endTime: number | undefined;
  msgs: readonly Readonly<{
    subtitleLang: string | undefined;
    translateText: string;
    id: string | undefined;
  }>[];
}>;

/** One caption of a RealTimeSubtitleNotify (an absent `data` reads as an empty, non-final caption). */
export function subtitleView(data: RealTimeSubtitleNotify['data']): SubtitleView {
  return deepFreeze({
    participantId: data?.participantID,
    isFinal: data?.isFinal ?? false,
    timestamp: data?.timestamp,
    beginTime: data?.beginTime,
    endTime: data?.endTime,
    msgs: (data?.msgs ?? []).map((m) => ({
      subtitleLang: m.subtitleLang,
      translateText: m.translateText,
      id: m.id,
    })),
  });
}
