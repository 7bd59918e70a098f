// One colour per channel everywhere, distinguishable on a dark background.
export const channelColor: Record<string, string> = {
  VOICE: "#4ea1ff",
  WEBCHAT: "#3fb950",
  APPCHAT: "#a371f7",
  VIDEO: "#f778ba",
  EMAIL: "#d29922",
  SMS: "#39c5cf",
  TICKET: "#ff7b72",
};
export const seriesColors = [
  "#4ea1ff",
  "#3fb950",
  "#d29922",
  "#a371f7",
  "#f778ba",
  "#39c5cf",
  "#ff7b72",
  "#8b949e",
];
