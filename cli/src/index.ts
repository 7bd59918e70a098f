export type { Command, CommandIo } from "./command";
export { commands, main } from "./main";
