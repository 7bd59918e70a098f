export { publishReplay, type ReplayPublished } from "./publish";
export { type ReplayOptions, type ReplayRejection, type ReplayResult, replayCapture } from "./replay";
