import { CopyButton } from './CopyButton.js';
import { curlCommand, type CurlRequest } from './curl.js';

/**
 * "Copy as curl": the request an action makes, as a command for a terminal or a script, with an API token read
 * from $STORE_PLATFORM_TOKEN (My tokens makes one).
 */
export function CopyAsCurl({ request, what }: { request: CurlRequest; what: string }) {
  return <CopyButton value={curlCommand(request, window.location.origin)} what={what} label="Copy as curl" />;
}
