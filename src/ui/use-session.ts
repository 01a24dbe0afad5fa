// React access to the validation session (an external store).

import { useSyncExternalStore } from "react";
import type { SessionState, ValidationSession } from "../core/session";

export function useSessionState(session: ValidationSession): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}
