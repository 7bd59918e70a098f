// @starboard/ingest: everything that speaks a source's protocol.

export { ingestBenchmarks } from "../bench/ingest-bench";
export { type ChatPayload, chatPayload, createChatGateway, mapChatPayload } from "./chat/index";
export { EslAdapter, type EslAdapterOptions, type EslCounters, subscribedEvents } from "./esl/adapter";
export { EslClient, type EslClientOptions } from "./esl/client";
export {
  type EslCommand,
  type EslCommandCounters,
  EslCommandExecutor,
  type EslCommandExecutorOptions,
  type FsCommandPort,
  type MonitorSession,
  type Outcome,
  parseReply,
} from "./esl/commands/index";
export {
  CallScenario,
  type DemoOptions,
  DemoTraffic,
  type EmulatorOptions,
  EslEmulator,
  FsSwitch,
} from "./esl/emulator/index";
export { defaultMaxBodyBytes, EslFrameParser, type FrameParserOptions } from "./esl/frame-parser";
export {
  type EslFrame,
  EslFrameError,
  type FrameErrorCode,
  type FrameResult,
  type FsEvent,
} from "./esl/frame-types";
export { FsHeaders } from "./esl/headers";
export { EslMapper, type MapperOptions, type MapResult } from "./esl/mapper";
export {
  publishReplay,
  type ReplayOptions,
  type ReplayPublished,
  type ReplayRejection,
  type ReplayResult,
  replayCapture,
} from "./esl/replay/index";
export { type EslThroughput, measureEslThroughput } from "./esl/throughput";
export { type GatewayOptions, WebhookGateway } from "./http/gateway";
export { SignatureHeaders, sign } from "./http/signature";
export { type GatewayOutcome, gatewayOutcomes, type PayloadMapper } from "./http/step";
export {
  arrivalsBetween,
  arrivalsPerHour,
  type ContactPlan,
  type Customer,
  type CustomerTier,
  defaultProfile,
  generateHistory,
  type HistoryOptions,
  type Language,
  planContact,
  queueFor,
  Rng,
  routingConfigFor,
  type SimAgent,
  type SimChannel,
  SimClock,
  type SimQueue,
  type Simulator,
  type SimulatorOptions,
  type SimulatorProfile,
  type SimulatorStats,
  startSimulator,
  type TopicId,
} from "./simulator/index";
export { createTicketGateway, mapTicketPayload } from "./tickets/index";
