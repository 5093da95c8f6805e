import type { CallEndReason } from '../../../../../src-preload/contract/ipc-contract';

/**
 * Why an outgoing call attempt ended, from the final SIP response to our
 * INVITE (RFC 3261 §21). The 408 and 503 that sip.js synthesises itself for a
 * transaction timeout or a transport error (RFC 3261 §8.1.3.1) are told apart
 * by `synthetic`: those mean the network failed, not the far end.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3261#section-21 response codes
 */
export function endReasonForStatus(statusCode: number, synthetic = false): CallEndReason {
  if (synthetic && (statusCode === 408 || statusCode === 503)) return 'network';
  switch (statusCode) {
    case 404: // Not Found
    case 484: // Address Incomplete
    case 604: // Does Not Exist Anywhere
      return 'not-found';
    case 486: // Busy Here
    case 600: // Busy Everywhere
      return 'busy';
    case 603: // Decline
    case 607: // Unwanted
      return 'rejected';
    case 480: // Temporarily Unavailable
      return 'unavailable';
    case 408: // Request Timeout
      return 'timeout';
    case 487: // Request Terminated (answer to our CANCEL)
      return 'cancelled';
    default:
      return 'failed';
  }
}
