/** How long a browser session lasts at most after sign-in, whatever its activity (SESSION_IDLE_MINUTES ends it earlier). */
export const sessionHours = 12;
