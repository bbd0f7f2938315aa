import { type ConnectionPhase, useConnectionPhase } from '../apollo/connectionState';
import { useSession } from '../session/SessionContext';

const labels: Record<ConnectionPhase, string> = {
  idle: 'Not live',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  resumed: 'Resumed',
};

/** The live (WebSocket) connection's phase. */
export function ConnectionIndicator() {
  const { connection } = useSession();
  const phase = useConnectionPhase(connection);
  return (
    <span className={`connection connection-${phase}`} data-testid="connection" data-phase={phase}>
      {labels[phase]}
    </span>
  );
}
