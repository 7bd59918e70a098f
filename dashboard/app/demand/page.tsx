import { Demand } from "../../src/components/demand/Demand";
import { Allowed } from "../../src/components/Shell";

export default function Page() {
  return (
    <Allowed entry="Query.demand">
      <Demand />
    </Allowed>
  );
}
