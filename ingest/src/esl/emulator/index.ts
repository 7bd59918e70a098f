export type { FsChannel } from "./channel";
export { type DemoOptions, DemoTraffic } from "./demo";
export { FsSwitch } from "./fs-switch";
export { CallScenario } from "./scenario";
export { type EmulatorOptions, EslEmulator } from "./server";
