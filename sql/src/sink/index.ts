export { Batcher } from "./batcher";
export { withoutStored } from "./dedup";
export {
  type Conversion,
  clickhouseTime,
  convertRecord,
  type RawEventRow,
  rawEventColumns,
  rawEventInsertSettings,
} from "./rows";
export { type Sink, type SinkOptions, type SinkStats, startSink } from "./sink";
