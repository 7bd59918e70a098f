import { Agents } from "../../src/components/agents/Agents";
import { Allowed } from "../../src/components/Shell";

export default function Page() {
  return (
    <Allowed entry="Query.agentPerformance">
      <Agents />
    </Allowed>
  );
}
