import type { RoomState } from './roomState';

/** The latest live captions, with who said them. */
export function Captions({ room }: { room: RoomState }) {
  const names = new Map(room.participants.map((p) => [p.participantId, p.name]));
  return (
    <section className="captions" data-testid="captions">
      <h3>Captions {room.captionsOn === false && <small>(off)</small>}</h3>
      <ol>
        {room.captions.map((line, index) => (
          // Captions have no stable ID of their own; their place in the short list is theirs while shown.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index} className={line.final ? 'final' : 'partial'}>
            <strong>{(line.participantId && names.get(line.participantId)) ?? 'Someone'}:</strong> {line.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
