export {
  DEFAULT_SERVICE_REGISTER_EXPIRES_S,
  endInvitations,
  ServiceSipAgent,
  type ServiceSipAgentOptions,
} from './service-sip-agent';
