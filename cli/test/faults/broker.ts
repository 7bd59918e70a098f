// A private Apache Kafka broker for the fault suite (infra/kafka/kafka.sh on its own ports and data
// directory): the suite stops, restarts and wipes it between faults, which it must never do to the
// broker the rest of CI, or a developer, is using.

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const script = fileURLToPath(new URL("../../../infra/kafka/kafka.sh", import.meta.url));

export class FaultBroker {
  readonly port = Number(process.env.STARBOARD_FAULTS_KAFKA_PORT ?? 19_092);
  readonly brokers = `127.0.0.1:${this.port}`;
  private readonly dir = mkdtempSync(join(tmpdir(), "starboard-faults-kafka-"));

  private async kafka(command: "start" | "stop"): Promise<void> {
    await run("bash", [script, command], {
      env: {
        ...process.env,
        STARBOARD_KAFKA_PORT: String(this.port),
        STARBOARD_KAFKA_CONTROLLER_PORT: String(this.port + 1),
        STARBOARD_KAFKA_DIR: join(this.dir, "data"),
        KAFKA_HEAP_OPTS: "-Xmx512m -Xms128m",
      },
      timeout: 180_000,
    });
  }

  start(): Promise<void> {
    return this.kafka("start");
  }

  stop(): Promise<void> {
    return this.kafka("stop");
  }

  /** An empty broker: no topics, no consumer groups. */
  async reset(): Promise<void> {
    await this.stop();
    rmSync(join(this.dir, "data"), { recursive: true, force: true });
    await this.start();
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
