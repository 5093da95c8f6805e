/** The forwarding domain (see README.md): the user's call forwarding rules on the UC server. */
export { ForwardingFeature } from './forwarding-feature';
export { ForwardingApi } from './forwarding-api';
export { ForwardingService, type ForwardingTransport, type ForwardingAttachment } from './forwarding-service';
