// One definition for both packages: the bench runs core's and ingest's targets alike.
export { ciSeed, type FuzzTarget, pureTarget, type RunningTarget } from "../../../core/test/fuzz/target";
