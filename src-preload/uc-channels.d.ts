/** The contract's channel names, injected at build time (see uc-channels-define.ts). */
declare const __UC_CHANNELS__: { readonly invoke: readonly string[]; readonly events: readonly string[] };
