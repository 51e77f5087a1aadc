/**
 * Imported for its effect, first, by a page whose Content-Security-Policy has no 'unsafe-eval' (the dashboard's):
 * zod then validates without compiling code. For speed it builds object validators with `new Function`, probing
 * for it when the first object schema is made; under such a policy the probe is refused and reported as a
 * violation. First, because this package's schemas are made when it is imported.
 */
import { z } from 'zod';

z.config({ jitless: true });
