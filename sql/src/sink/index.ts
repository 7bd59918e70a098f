export { Batcher } from "./batcher";
export { withoutStored } from "./dedup";
export { eventInputBody, eventInputColumns, eventInputSettings, eventInputTable } from "./input";
export {
  type Conversion,
  checkedEvent,
  clickhouseTime,
  convertRecord,
  type RawEventRow,
  rawEventColumns,
  rawEventInsertSettings,
  reserialized,
} from "./rows";
export { type Sink, type SinkOptions, type SinkStats, startSink } from "./sink";
export type { SinkProblem } from "./write";
