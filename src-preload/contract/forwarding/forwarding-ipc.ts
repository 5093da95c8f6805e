/** The `forwarding.*` channels (SPEC J3, B2): the user's forwarding rules, kept on the UC server. */
import { z } from 'zod';
import { forwardingRulesSchema, type ForwardingRules } from './forwarding-model';

/** The rules as the renderer sees them. */
export interface ForwardingView {
  /** null: never set on the server (the editor starts from defaults) */
  rules: ForwardingRules | null;
  /** an immediate rule forwards every call right now (the header shows it) */
  immediateActive: boolean;
  updatedAt: number;
}

export const forwardingInvokeSchemas = {
  /** the rules last fetched (null: logged out or not fetched yet) */
  'forwarding.get': z.strictObject({}),
  /** replaces the rules on the UC server ('server-unreachable' offline, 'invalid-payload') */
  'forwarding.set': forwardingRulesSchema,
  /** turns the immediate rule off, keeping its target (the header's quick "off") */
  'forwarding.immediateOff': z.strictObject({}),
} as const;

export interface ForwardingInvokeResults {
  'forwarding.get': ForwardingView | null;
  'forwarding.set': ForwardingView;
  'forwarding.immediateOff': ForwardingView;
}

export interface ForwardingEventPayloads {
  /** the rules changed (this or another device) or the immediate window opened/closed; null: logged out */
  'forwarding.onDidChange': ForwardingView | null;
}

export const FORWARDING_EVENT_CHANNELS = { 'forwarding.onDidChange': true } satisfies Record<
  keyof ForwardingEventPayloads,
  true
>;
