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
    case "strepoch":
      // Only the no-argument form (the switch's clock); real FreeSWITCH also parses a date.
      return String(Math.floor(fs.now() / 1e6));
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
    case "uuid_getvar": {
      // mod_commands.c: the value, or _undef_; bridge_uuid is set on both legs by a bridge.
      const ch = channel(args[0]);
      if (ch === undefined) return "-ERR No such channel!\n";
      const name = args[1] ?? "";
      const value = name === "bridge_uuid" ? ch.other?.uuid : ch.variables.get(name);
      return value === undefined || value === "" ? "_undef_" : value;
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
  // intercept [-bleg] <uuid>: with -bleg the target is <uuid>'s bridged partner.
  const [flag, uuid] =
    name === "intercept" && arg.startsWith("-bleg ") ? ["-bleg", arg.slice(6).trim()] : ["", arg];
  if (["eavesdrop", "three_way", "intercept"].includes(name) && fs.channel(uuid) === undefined) {
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
  if (name === "intercept") intercept(fs, ch, uuid, flag === "-bleg");
  return `+OK ${ch.uuid}\n`;
}

/**
 * switch_ivr_intercept_session: the target is bridged to the intercepting leg and the target's
 * former partner is hung up with PICKED_OFF. Intercepting the customer's leg thus keeps the
 * customer and releases the agent (take-over); a parked or queued target has no partner to drop.
 */
function intercept(fs: FsSwitch, ch: FsChannel, uuid: string, bleg: boolean): void {
  const named = fs.channel(uuid);
  const target = bleg && named?.other !== undefined ? fs.channel(named.other.uuid) : named;
  if (target === undefined) return;
  const partner = target.other === undefined ? undefined : fs.channel(target.other.uuid);
  if (partner !== undefined) {
    fs.unbridge(target);
    partner.other = undefined;
    target.other = undefined;
    fs.hangup(partner, "PICKED_OFF", "send_bye");
  }
  fs.bridge(target, ch);
}
