export { type CheckedEnvelope, catalogFingerprint, checkedEnvelope, checkedHeader } from "./checked";
export { DeadLetterHeaders, deadLetterRecord, rejectedInputRecord } from "./dead-letter";
export { errorMessage, isTransient, RecordRejectedError, TransientError } from "./errors";
export { KafkaEventLog, type KafkaLogOptions } from "./kafka/kafka-log";
export { maxRecordBytes } from "./limits";
export { type EventLogConfig, openEventLog, standardTopics } from "./open";
export { murmur2, partitionForKey } from "./partitioner";
export { InProcessEventLog, type InProcessLogOptions, type LogFault } from "./sqlite/in-process-log";
export { checkEventForPublish, type DecodedEvent, decodeEventRecord, publishEvents } from "./typed";
export type {
  BatchContext,
  BatchHandler,
  DeadLetterReason,
  EventLog,
  LogRecord,
  OutgoingRecord,
  PublishAck,
  RecordBatch,
  RecordHeaders,
  RetryPolicy,
  StartPosition,
  SubscribeOptions,
  Subscription,
  TopicSpec,
} from "./types";
export { noHeaders } from "./types";
