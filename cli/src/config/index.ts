export { type BaseConfig, baseConfig } from "./base";
export { defaultOpsPort, defaultQueueId, defaults, developmentWebhookSecret } from "./defaults";
export { parseApiKeyList } from "./env";
export { ConfigError } from "./errors";
export type { FileConfig } from "./file-types";
export type { ConfigFlags } from "./flags";
export { type ConfigSources, loadConfig, parseConfigFile } from "./load";
export { fileConfigSchema } from "./schema";
export * from "./types";
