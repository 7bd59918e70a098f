export { findHashed, idHash, idSlot } from "./id-hash";
export { RecentIds } from "./recent-ids";
