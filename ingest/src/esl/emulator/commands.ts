import type { FsChannel } from "./channel";
import type { FsSwitch } from "./fs-switch";

// `api` / `bgapi` commands the platform sends, answered the way mod_commands.c and mod_dptools
// do: `+OK ...` or `-ERR ...` text, plus the events the action fires.

export function runApi(fs: FsSwitch, line: string): string {
  const [cmd = "", ...args] = line.trim().split(/\s+/);
  const channel = (uuid: string | undefined): FsChannel | undefined =>
    uuid === undefined ? undefined : fs.channel(uuid);
  switch (cmd) {
    case "status":
      return "UP 0 years, 0 days\nFreeSWITCH (emulator) is ready\n";
    case "show":
      if (args.join(" ") === "channels as json") return fs.showChannelsJson();
      return "-ERR Cannot understand command\n";
    case "uuid_kill": {
      const ch = channel(args[0]);
      if (ch === undefined) return "-ERR No such channel!\n";
      fs.hangup(ch, args[1] ?? "NORMAL_CLEARING", "send_bye");
      return "+OK\n";
    }
    case "uuid_bridge": {
      const a = channel(args[0]);
      const b = channel(args[1]);
      if (a === undefined || b === undefined) return "-ERR Invalid uuid\n";
      fs.answer(a);
      fs.answer(b);
      fs.bridge(a, b);
      return `+OK ${b.uuid}\n`;
    }
    case "uuid_transfer": {
      const ch = channel(args[0]);
      if (ch === undefined) return "-ERR No such channel!\n";
      const dest = args.find((a, i) => i > 0 && !a.startsWith("-"));
      if (dest === undefined) return "-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n";
      ch.destination = dest;
      fs.unbridge(ch);
      fs.execute(ch, "transfer", dest);
      return "+OK\n";
    }
    case "uuid_recv_dtmf": {
      const ch = channel(args[0]);
      if (ch === undefined) return "-ERR no such session\n";
      for (const digit of args[1] ?? "") fs.dtmf(ch, digit);
      return "+OK\n";
    }
    case "originate":
      return originate(fs, args);
    default:
      return `-ERR ${cmd} Command not found!\n`;
  }
}

/**
 * `originate {vars}endpoint &app(arg)`: a new outbound leg that answers and runs the app.
 * eavesdrop / three_way / intercept need an existing target channel, as in mod_dptools.
 */
function originate(fs: FsSwitch, args: string[]): string {
  const target = args[0] ?? "";
  const app = args.slice(1).join(" ");
  const vars: Record<string, string> = {};
  const m = /^\{([^}]*)\}(.*)$/.exec(target);
  const endpoint = m?.[2] ?? target;
  for (const pair of (m?.[1] ?? "").split(",")) {
    const [k, v] = pair.split("=");
    if (k) vars[k] = v ?? "";
  }
  const appMatch = /^&(\w+)\(([^)]*)\)$/.exec(app);
  if (!endpoint.startsWith("user/") && !endpoint.startsWith("sofia/") && !endpoint.startsWith("loopback/")) {
    return "-ERR SUBSCRIBER_ABSENT\n";
  }
  if (appMatch === null) return "-ERR INVALID_PROFILE\n";
  const [, name = "", arg = ""] = appMatch;
  if (["eavesdrop", "three_way", "intercept"].includes(name) && fs.channel(arg) === undefined) {
    return "-ERR NO_SUCH_CHANNEL\n";
  }
  const ch = fs.createChannel({
    direction: "outbound",
    cidNumber: "0000000000",
    destination: endpoint.split("/").pop() ?? endpoint,
    name: endpoint,
    variables: vars,
  });
  fs.answer(ch);
  fs.execute(ch, name, arg);
  if (name === "intercept") {
    const target = fs.channel(arg);
    const peer = target?.other === undefined ? undefined : fs.channel(target.other.uuid);
    if (target !== undefined) {
      // intercept takes the target's peer (the customer) and releases the target (the agent leg).
      if (peer !== undefined) {
        fs.unbridge(peer);
        peer.other = undefined;
        target.other = undefined;
        fs.bridge(peer, ch);
      }
      fs.hangup(target, "PICKED_OFF", "send_bye");
    }
  }
  return `+OK ${ch.uuid}\n`;
}
