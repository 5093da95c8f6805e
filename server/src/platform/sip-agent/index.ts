export { ServiceCalls } from './service-calls';
export { DEFAULT_SERVICE_REGISTER_EXPIRES_S, ServiceSipAgent, type ServiceSipAgentOptions } from './service-sip-agent';
